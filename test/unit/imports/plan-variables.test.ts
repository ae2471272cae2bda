/**
 * What each variable of an import becomes (a Keyflow variable, a key, or text written in),
 * and where its values go: the plan, on drafts as the importers make them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planImport, EMPTY_WORKSPACE, type ImportWorkspace } from '../../../electron/core/imports/plan';
import { withVariables, type DraftImport } from '../../../electron/core/imports/draft';
import { READER_TOKENS } from './published-curl';

const request = (url: string, header = '') => ({
  name: 'Call',
  group: '',
  method: 'GET' as const,
  url: withVariables(url),
  query: [],
  headers: header ? [{ key: 'Authorization', value: withVariables(header), enabled: true }] : [],
  body: { kind: 'none' as const },
  auth: { kind: 'none' as const },
});

const draft = (variables: DraftImport['variables'], url: string, header = '', environmentName?: string): DraftImport => ({
  title: 'Test',
  environmentName,
  workflows: url ? [{ name: 'Test', requests: [request(url, header)] }] : [],
  variables,
  notImported: [],
  warnings: [],
});

const variable = (name: string, value: string, markedSecret = false) => ({ name, value, markedSecret, origin: 'collection variable' });

const workspace: ImportWorkspace = {
  keys: [
    { id: 'sec_a', name: 'apiKey', environmentIds: ['default'], visible: true, manageable: true },
    { id: 'sec_h', name: 'hidden', environmentIds: [], visible: false, manageable: false },
  ],
  variables: [{ id: 'var_b', name: 'BaseUrl' }],
  environments: [
    { id: 'default', name: 'Default' },
    { id: 'env_s', name: 'Staging' },
  ],
};

describe('what a variable becomes', () => {
  it('a plain value: a variable, referred to by a chip; a credential: a key; a value partly a credential, or a name Keyflow can’t hold: written in', () => {
    const token = READER_TOKENS.github;
    const plan = planImport(
      'postman',
      draft(
        [variable('host', 'https://api.example.com'), variable('token', token), variable('auth', `Bearer ${token}`), variable('$weird name!', 'x')],
        '{{host}}/a/{{$weird name!}}',
        '{{auth}}',
      ),
      EMPTY_WORKSPACE,
    );
    expect(plan.preview.variables.map((v) => [v.name, v.becomes, v.credentialId])).toEqual([
      ['host', 'variable', null],
      ['token', 'key', 'c1'],
      ['auth', 'written-in', null],
      ['$weird name!', 'written-in', null],
    ]);
    const step = plan.workflows[0]!.steps[0]!;
    expect(step.url).toEqual([
      { kind: 'variable', name: 'host' },
      { kind: 'text', text: '/a/x' },
    ]);
    expect(step.headers[0]!.value).toEqual([
      { kind: 'text', text: 'Bearer ' },
      { kind: 'credential', id: 'c1' },
    ]);
    expect([...plan.variables]).toEqual([['host', 'https://api.example.com']]);
    // The key is proposed for the host the variable names.
    expect(plan.preview.credentials[0]!.proposedDomains).toEqual(['api.example.com']);
  });

  it('a name used but not defined: the workspace’s variable (any case), else its visible key, else a new variable without a value — with a note when the name says secret', () => {
    const plan = planImport('postman', draft([], '{{baseurl}}/{{region}}', 'Bearer {{apiKey}} {{hidden}} {{client_secret}}'), workspace);
    expect(plan.preview.variables.map((v) => [v.name, v.becomes, v.existing, v.value])).toEqual([
      ['baseurl', 'variable', true, null],
      ['region', 'variable', false, null],
      ['apiKey', 'key', true, null],
      ['hidden', 'variable', false, null],
      ['client_secret', 'variable', false, null],
    ]);
    expect(plan.keyReferences).toEqual(new Map([['apiKey', 'sec_a']]));
    expect(plan.preview.environment).toBeNull();
    expect(plan.preview.warnings).toEqual([expect.stringMatching(/^\{\{client_secret\}\} is used but not defined here/)]);
  });
});

describe('where values go', () => {
  it('a Postman environment’s to the environment of its name (any case), made when new; anything else’s to the first', () => {
    const secret = [variable('apiKey', 'Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1', true)];
    expect(planImport('postman', draft(secret, '', '', 'staging'), workspace).preview.environment).toEqual({ id: 'env_s', name: 'Staging' });
    expect(planImport('postman', draft(secret, '', '', 'Production'), workspace).preview.environment).toEqual({ id: null, name: 'Production' });
    expect(planImport('env', draft([variable('PORT', '3000')], ''), workspace).preview.environment).toEqual({ id: 'default', name: 'Default' });
  });

  it('a secret named like a key proposes that key’s value, unless it has one there already or the person may not change it', () => {
    const secret = [variable('apiKey', 'Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1', true)];
    expect(planImport('postman', draft(secret, '', '', 'Staging'), workspace).preview.credentials[0]).toMatchObject({
      existingKey: { id: 'sec_a', name: 'apiKey' },
      proposedName: 'apiKey',
    });
    expect(planImport('postman', draft(secret, '', '', 'Default'), workspace).preview.credentials[0]).toMatchObject({ existingKey: null, proposedName: 'apiKey (2)' });
    const locked = { ...workspace, keys: [{ ...workspace.keys[0]!, manageable: false }] };
    expect(planImport('postman', draft(secret, '', '', 'Staging'), locked).preview.credentials[0]).toMatchObject({ existingKey: null });
  });

  it('every variable of the source is either a Keyflow variable with its value, a key, or written in — never lost', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_ $.-]{0,12}$/), fc.string({ maxLength: 30 })), { selector: ([name]) => name.toLowerCase(), maxLength: 8 }),
        (entries) => {
          const plan = planImport(
            'env',
            draft(
              entries.map(([name, value]) => variable(name, value)),
              '',
            ),
            workspace,
          );
          for (const [name, value] of entries) {
            const shown = plan.preview.variables.find((v) => v.name === name);
            if (shown === undefined) continue; // a name that is itself a credential is cut from what is shown
            if (shown.becomes === 'variable') expect(plan.variables.get(name)).toBe(value);
            if (shown.becomes === 'key') expect(plan.credentials.get(shown.credentialId!)!.value).toBe(value);
          }
        },
      ),
    );
  });
});
