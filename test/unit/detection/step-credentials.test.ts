import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { credentialsInStep, fieldContext, unconvertedCredentials } from '../../../shared/detection/step-credentials';
import { fingerprintOf } from '../../../shared/detection/fingerprint';
import { codeReadingInput, variableNameFor } from '../../../shared/detection/code-literal';
import { withSecretChip } from '../../../shared/model/template';
import type { Step } from '../../../shared/model/workflow';
import { READER_TOKENS } from '../imports/published-curl';

const token = READER_TOKENS.github;
const text = (value: string) => [{ kind: 'text' as const, text: value }];

function request(headers: [string, string][], url = 'https://api.github.com/user'): Step {
  return {
    id: 'step_1',
    name: 'Call',
    action: 'http.request',
    config: {
      method: 'GET',
      url: text(url),
      query: [],
      headers: headers.map(([key, value]) => ({ key, value: text(value), enabled: true })),
      body: { kind: 'none' },
      auth: { kind: 'none' },
      timeoutMs: 30_000,
    },
  };
}

describe('literal credentials of a step', () => {
  it('knows each field by its header or parameter name', () => {
    const step = request([['X-API-Key', 'k']]);
    expect(fieldContext(step, 'headers.0.value')).toEqual({ kind: 'header', name: 'X-API-Key' });
    expect(fieldContext(step, 'url')).toEqual({ kind: 'text' });
    expect(fieldContext(step, 'auth.token')).toEqual({ kind: 'credential' });
  });

  it('finds a token in a header and in Run Code source, and leaves the ones kept as plain text', () => {
    const step = request([['Authorization', `Bearer ${token}`]]);
    expect(credentialsInStep(step).map((c) => [c.field, c.segment, c.start, c.end, c.value])).toEqual([['headers.0.value', 0, 7, 7 + token.length, token]]);
    expect(unconvertedCredentials({ steps: [{ ...step, plainText: [fingerprintOf(token)] }] })).toEqual([]);
    const code: Step = { id: 'c', name: 'Code', action: 'code.run', config: { code: `const t = '${token}';`, variables: [], timeoutMs: 1000, memoryLimitMb: 64 } };
    expect(credentialsInStep(code).map((c) => c.field)).toEqual(['code']);
  });

  it('replaces a range with a chip and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const template = text(`${before}${token}${after}`);
        const chipped = withSecretChip(template, 0, before.length, before.length + token.length, 'sec_1');
        expect(chipped.map((s) => (s.kind === 'text' ? s.text : `<${s.kind === 'secret' ? s.secretId : ''}>`)).join('')).toBe(`${before}<sec_1>${after}`);
      }),
    );
  });
});

describe('a credential in code becomes an input variable', () => {
  const at = (code: string) => [code.indexOf(token), code.indexOf(token) + token.length] as const;
  it.each([
    [`const key = '${token}';`, 'const key = input.githubToken;'],
    [`fetch(u, { headers: { Authorization: "Bearer ${token}" } })`, 'fetch(u, { headers: { Authorization: "Bearer " + input.githubToken } })'],
    ['const h = `Bearer ' + token + '`;', 'const h = `Bearer ${input.githubToken}`;'],
    [`x('${token}-suffix')`, "x(input.githubToken + '-suffix')"],
    [`const key = ${token};`, 'const key = input.githubToken;'],
  ])('%s', (code, expected) => {
    expect(codeReadingInput(code, ...at(code), variableNameFor('GitHub token', []))).toBe(expected);
  });

  it('names the variable after the key, never taken or reserved', () => {
    expect(variableNameFor('Stripe live secret key', ['stripeLiveSecretKey'])).toBe('stripeLiveSecretKey2');
    expect(variableNameFor('2fa secret', [])).toBe('key2faSecret');
    expect(variableNameFor('Steps', [])).toBe('stepsKey');
  });
});
