import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/model/imports';
import { choiceProblems, decisionsOf, importSummary, initialChoices } from '../../../renderer/src/components/imports/import-decisions';

const preview: ImportPreview = {
  format: 'postman',
  title: 'Billing',
  workflows: [
    {
      key: 'w0',
      name: 'Billing',
      steps: [
        { key: 'w0s0', name: 'List', method: 'GET', url: [], group: '' },
        { key: 'w0s1', name: 'Create', method: 'POST', url: [], group: '' },
      ],
    },
  ],
  credentials: [
    {
      id: 'c1',
      ruleId: 'keyflow/stripe-live',
      ruleName: 'Stripe live secret key',
      hint: 'AbCd',
      proposedName: 'Stripe live secret key',
      proposedType: 'generic',
      allowedTypes: ['generic'],
      proposedDomains: ['api.stripe.com'],
      places: [],
      existingKey: null,
    },
    {
      id: 'c2',
      ruleId: 'keyflow/bearer',
      ruleName: 'Bearer token',
      hint: null,
      proposedName: 'x bearer token',
      proposedType: 'generic',
      allowedTypes: ['generic'],
      proposedDomains: [],
      places: [],
      existingKey: null,
    },
  ],
  variables: [],
  environment: { id: 'default', name: 'Default' },
  notImported: [],
  warnings: [],
};

describe('decisions in an import’s preview', () => {
  it('starts from the proposals: every credential a key', () => {
    const choices = initialChoices(preview);
    expect(decisionsOf(preview, choices)).toEqual({
      credentials: [
        { id: 'c1', action: 'key', keyId: null, name: 'Stripe live secret key', type: 'generic', allowedDomains: ['api.stripe.com'] },
        { id: 'c2', action: 'key', keyId: null, name: 'x bearer token', type: 'generic', allowedDomains: [] },
      ],
      skippedSteps: [],
      workflowNames: { w0: 'Billing' },
      environment: { id: 'default' },
    });
    expect(importSummary(preview, choices)).toBe('Creates 1 workflow with 2 steps and 2 secret keys.');
  });

  it('names what is wrong before main is asked: a name taken, two keys with one name, a bad domain, an empty workflow name', () => {
    const choices = initialChoices(preview);
    expect(choiceProblems(choices, ['STRIPE LIVE SECRET KEY'])).toEqual({ c1: 'That name is taken by a key of this workspace.' });
    choices.credentials.c2!.name = 'stripe live secret key';
    expect(choiceProblems(choices, [])).toEqual({ c2: 'That name is taken by another key of this import.' });
    choices.credentials.c2 = { ...choices.credentials.c2!, name: 'Other', domains: 'https://api.example.com/x' };
    expect(choiceProblems(choices, []).c2).toContain('has a path or more than a host');
    choices.credentials.c2!.action = 'plain';
    choices.workflowNames.w0 = ' ';
    expect(choiceProblems(choices, [])).toEqual({ w0: 'Name is required.' });
    const skipped = { ...choices, skipped: new Set(['w0s0', 'w0s1']) };
    expect(importSummary(preview, skipped)).toBe('Creates 1 secret key.');
  });
});

describe('an import with environments', () => {
  const fromEnvironment: ImportPreview = {
    ...preview,
    workflows: [],
    credentials: [{ ...preview.credentials[0]!, proposedName: 'apiKey', existingKey: { id: 'sec_1', name: 'apiKey' } }],
    variables: [
      { name: 'baseUrl', becomes: 'variable', value: 'https://staging.example.com', credentialId: null, existing: true, usedBy: 0 },
      { name: 'region', becomes: 'variable', value: 'eu', credentialId: null, existing: false, usedBy: 0 },
      { name: 'apiKey', becomes: 'key', value: null, credentialId: 'c1', existing: false, usedBy: 0 },
    ],
    environment: { id: null, name: 'Staging' },
  };

  it('proposes the existing key’s value and the new environment, and says what it sets', () => {
    const choices = initialChoices(fromEnvironment);
    expect(choices.credentials.c1!.action).toBe('value');
    expect(decisionsOf(fromEnvironment, choices)).toMatchObject({ credentials: [{ id: 'c1', action: 'key', keyId: 'sec_1' }], environment: { name: 'Staging' } });
    expect(importSummary(fromEnvironment, choices)).toBe('Creates 1 variable; gives 2 existing keys and variables a value.');
    choices.credentials.c1!.action = 'key';
    expect(decisionsOf(fromEnvironment, choices).credentials[0]).toMatchObject({ keyId: null, name: 'apiKey' });
    expect(importSummary(fromEnvironment, choices)).toBe('Creates 1 secret key and 1 variable; gives an existing key or variable a value.');
  });

  it('names a new environment’s missing name before main is asked', () => {
    const choices = { ...initialChoices(fromEnvironment), environment: { name: '  ' } };
    expect(choiceProblems(choices, [])).toEqual({ environment: 'Name is required.' });
    expect(choiceProblems({ ...choices, environment: { id: 'default' } }, [])).toEqual({});
  });
});
