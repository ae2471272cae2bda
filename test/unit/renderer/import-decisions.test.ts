import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/model/imports';
import { choiceProblems, decisionsOf, importSummary, initialChoices } from '../../../renderer/src/components/imports/import-decisions';

const preview: ImportPreview = {
  format: 'postman',
  title: 'Billing',
  workflows: [{ key: 'w0', name: 'Billing', steps: [{ key: 'w0s0', name: 'List', method: 'GET', url: [], group: '' }, { key: 'w0s1', name: 'Create', method: 'POST', url: [], group: '' }] }],
  credentials: [
    { id: 'c1', ruleId: 'keyflow/stripe-live', ruleName: 'Stripe live secret key', hint: 'AbCd', proposedName: 'Stripe live secret key', proposedType: 'generic', allowedTypes: ['generic'], proposedDomains: ['api.stripe.com'], places: [] },
    { id: 'c2', ruleId: 'keyflow/bearer', ruleName: 'Bearer token', hint: null, proposedName: 'x bearer token', proposedType: 'generic', allowedTypes: ['generic'], proposedDomains: [], places: [] },
  ],
  variables: [],
  notImported: [],
  warnings: [],
};

describe('decisions in an import’s preview', () => {
  it('starts from the proposals: every credential a key', () => {
    const choices = initialChoices(preview);
    expect(decisionsOf(choices)).toEqual({
      credentials: [
        { id: 'c1', action: 'key', name: 'Stripe live secret key', type: 'generic', allowedDomains: ['api.stripe.com'] },
        { id: 'c2', action: 'key', name: 'x bearer token', type: 'generic', allowedDomains: [] },
      ],
      skippedSteps: [],
      workflowNames: { w0: 'Billing' },
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
