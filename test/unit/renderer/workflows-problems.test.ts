import { describe, expect, it } from 'vitest';
import type { SecretMeta } from '../../../shared/model/secret';
import type { Step } from '../../../shared/model/workflow';
import { parseDomainList } from '../../../renderer/src/components/secrets/domain-list';
import { exportFileName } from '../../../renderer/src/components/workflows/download';
import { describeSaveError } from '../../../renderer/src/components/workflows/save-error';
import { stepProblems } from '../../../renderer/src/components/workflows/step-problems';
import { templateSummary } from '../../../renderer/src/components/workflows/template-text';
import { createStep } from '../../../renderer/src/store/workflow-edits';
import { secretMeta } from './secret-fixture';
import { fingerprintOf } from '../../../shared/detection/fingerprint';

const meta = (id: string, name: string, type: SecretMeta['type'] = 'generic'): SecretMeta => secretMeta({ id, name, type });

describe('step problems shown on cards', () => {
  const secrets = new Map([
    ['sec_generic', meta('sec_generic', 'Generic')],
    ['sec_slack', meta('sec_slack', 'Slack bot', 'slack')],
  ]);

  it('counts deleted keys, keys of the wrong type and outputs of later or deleted steps', () => {
    const http = createStep('http.request', [], 'h') as Extract<Step, { action: 'http.request' }>;
    http.config.url = [
      { kind: 'text', text: 'https://x/' },
      { kind: 'secret', secretId: 'sec_gone' },
    ];
    http.config.headers = [{ key: 'Authorization', value: [{ kind: 'secret', secretId: 'sec_slack' }], enabled: true }];
    http.config.query = [{ key: 'id', value: [{ kind: 'output', stepId: 'later', path: 'body.id' }], enabled: true }];
    const later = createStep('code.run', [], 'later');
    expect(stepProblems(http, secrets, [http, later])).toMatchObject({ broken: 1, wrongType: 1, badOutputs: 1, invalid: null });
    expect(stepProblems(http, secrets, [http])).toMatchObject({ badOutputs: 1 }); // a deleted step
    expect(stepProblems(http, null, [later, http])).toMatchObject({ broken: 0, wrongType: 0, badOutputs: 0 });

    const slack = createStep('slack.postMessage', [], 's') as Extract<Step, { action: 'slack.postMessage' }>;
    slack.config.token = [{ kind: 'secret', secretId: 'sec_slack' }];
    slack.config.text = [{ kind: 'secret', secretId: 'sec_generic' }];
    expect(stepProblems(slack, secrets)).toMatchObject({ broken: 0, wrongType: 0 });
    slack.config.token = [{ kind: 'secret', secretId: 'sec_generic' }];
    expect(stepProblems(slack, secrets).wrongType).toBe(1);
  });

  it('says what the schema refuses, by field label', () => {
    const code = { ...createStep('code.run', [], 'c'), name: ' ' } as Step;
    expect(stepProblems(code, secrets).invalid).toBe('The step needs a name.');
    const bad = createStep('code.run', [], 'c2') as Extract<Step, { action: 'code.run' }>;
    bad.config.variables = [{ name: '1abc', value: [] }];
    expect(stepProblems(bad, secrets).invalid).toMatch(/JavaScript identifier/);
  });

  it('summarizes templates with names, never anything else', () => {
    const summary = templateSummary(
      [
        { kind: 'text', text: 'Bearer ' },
        { kind: 'secret', secretId: 'sec_generic' },
        { kind: 'secret', secretId: 'gone' },
        { kind: 'secret', secretId: 'gone_named' },
        { kind: 'secret', secretId: 'sec_hidden' },
        { kind: 'output', stepId: 'h', path: 'body.id' },
        { kind: 'variable', variableId: 'var_base' },
        { kind: 'variable', variableId: 'var_gone' },
      ],
      {
        secrets,
        restricted: new Set(['sec_hidden']),
        deleted: new Map([['gone_named', 'Old token']]),
        variables: new Map([['var_base', { id: 'var_base', name: 'base_url', values: { default: 'https://api.example.com' } }]]),
        steps: [createStep('http.request', [], 'h')],
      },
    );
    // A variable shows by name (its text is plain but belongs to an environment, so summaries don't pick one).
    expect(summary).toBe('Bearer [Generic][Deleted key][Old token (deleted)][Restricted key][Send API Request › body.id]{base_url}{Deleted variable}');
  });
});

describe('allowed domains input', () => {
  it('accepts hosts and wildcards one per line or comma-separated, normalized and deduplicated', () => {
    expect(parseDomainList('API.example.com\n*.example.com, api.example.com.\n\n')).toEqual({ domains: ['api.example.com', '*.example.com'], problem: null });
    expect(parseDomainList('')).toEqual({ domains: [], problem: null });
  });

  it('names the first problem', () => {
    expect(parseDomainList('ok.example.com\nhttps://bad.example.com/path').problem).toMatch(/has a path/);
    expect(parseDomainList('host:99999').problem).toMatch(/invalid port/);
    expect(parseDomainList(Array.from({ length: 51 }, (_, i) => `h${i}.example.com`).join('\n')).problem).toMatch(/At most 50/);
  });
});

describe('export file names', () => {
  it('are safe slugs', () => {
    expect(exportFileName('Fetch user — v2 / prod')).toBe('fetch-user-v2-prod.keyflow.json');
    expect(exportFileName('???')).toBe('workflow.keyflow.json');
  });
});

describe('save errors from main', () => {
  const code = createStep('code.run', [], 'c');
  const http = createStep('http.request', [code], 'h') as Extract<Step, { action: 'http.request' }>;
  http.config.headers = [{ key: 'Authorization', value: [], enabled: true }];
  const steps = [
    { ...code, name: 'Compute' },
    { ...http, name: 'Fetch' },
  ];
  it("names the step and the field in people's words, keeping main's reason", () => {
    expect(describeSaveError('"definition.steps.0.config.variables.0.name" is reserved: x', steps)).toBe('Step 1 “Compute” › Variable 1 name is reserved: x');
    expect(describeSaveError('The workflow is not valid at steps.1.config.url.0.text: Too big.', steps)).toBe('The workflow is not valid at Step 2 “Fetch” › URL: Too big.');
    expect(describeSaveError('The workflow is not valid at steps.1.config.headers.0.value.1.secretId: bad', steps)).toBe(
      'The workflow is not valid at Step 2 “Fetch” › Header Authorization: bad',
    );
    expect(describeSaveError('The workflow is not valid at steps.1.name: Too small.', steps)).toBe('The workflow is not valid at Step 2 “Fetch” › Step name: Too small.');
    expect(describeSaveError('Two steps share an id.', steps)).toBe('Two steps share an id.');
    expect(describeSaveError('at steps.9.name', steps)).toBe('at steps.9.name');
  });
});

describe('a credential left in plain text', () => {
  it('counts on the step until it is converted or kept', () => {
    const token = ['ghp', 'R8b2Kx9Lq4Wm7Vt1Zp6Nc3Hd5Jf0Gs2Ya8Ue'].join('_');
    const step = createStep('http.request', [], 'h') as Extract<Step, { action: 'http.request' }>;
    step.config.headers = [{ key: 'Authorization', value: [{ kind: 'text', text: `Bearer ${token}` }], enabled: true }];
    expect(stepProblems(step, new Map()).plainCredentials).toBe(1);
    expect(stepProblems({ ...step, plainText: [fingerprintOf(token)] }, new Map()).plainCredentials).toBe(0);
  });
});
