import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../shared/model/workflow';
import { headerSetByAuth, hostOfUrl, hostProblem, requestHost } from '../../../renderer/src/components/workflows/request-checks';
import { stepProblems } from '../../../renderer/src/components/workflows/step-problems';
import { createStep } from '../../../renderer/src/store/workflow-edits';
import { secretMeta } from './secret-fixture';

type HttpStep = Extract<Step, { action: 'http.request' }>;
const text = (value: string) => [{ kind: 'text' as const, text: value }];

describe('conflicts flagged while a request is edited', () => {
  it('knows the host a URL names before any key or output in it, and only then', () => {
    expect(hostOfUrl(text('https://API.example.com/v1?x=1'))).toBe('api.example.com');
    expect(hostOfUrl(text('http://127.0.0.1:8080'))).toBe('127.0.0.1');
    expect(hostOfUrl(text('https://user@example.com/'))).toBe('example.com');
    expect(
      hostOfUrl([
        { kind: 'text', text: 'https://api.example.com/users/' },
        { kind: 'secret', secretId: 'sec_1' },
      ]),
    ).toBe('api.example.com');
    // The host continues into the key: it can't be known before the run.
    expect(
      hostOfUrl([
        { kind: 'text', text: 'https://api.' },
        { kind: 'secret', secretId: 'sec_1' },
      ]),
    ).toBeNull();
    expect(hostOfUrl([{ kind: 'output', stepId: 's', path: 'url' }])).toBeNull();
    expect(hostOfUrl(text('not a url'))).toBeNull();
  });

  it('agrees with the URL parser on every literal http(s) URL it names a host for', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (url) => {
        const host = hostOfUrl(text(url));
        if (host !== null) expect(host).toBe(new URL(url).hostname.replace(/^\[|\]$/g, ''));
      }),
    );
  });

  it('flags a key whose allowed domains exclude the step’s host, in the field and on the card', () => {
    const key = secretMeta({ id: 'sec_1', name: 'Prod token', allowedDomains: ['api.example.com'] });
    const step = createStep('http.request', [], 'h') as HttpStep;
    step.config.url = text('http://127.0.0.1:9000/echo');
    step.config.auth = { kind: 'bearer', token: [{ kind: 'secret', secretId: 'sec_1' }] };
    expect(hostProblem(key, requestHost(step))).toBe('“Prod token” may be sent only to api.example.com; this request goes to 127.0.0.1, so the run would refuse it.');
    expect(stepProblems(step, new Map([['sec_1', key]])).disallowedHost).toBe(1);
    step.config.url = text('https://api.example.com/echo');
    expect(stepProblems(step, new Map([['sec_1', key]])).disallowedHost).toBe(0);
    expect(hostProblem(secretMeta({ id: 'sec_2', name: 'Open', allowedDomains: [] }), '127.0.0.1')).toBeNull();
    // Integrations go to their fixed host.
    expect(requestHost(createStep('slack.postMessage', [], 's'))).toBe('https://slack.com');
  });

  it('flags a header that Authentication sets too, whatever its case', () => {
    const step = createStep('http.request', [], 'h') as HttpStep;
    step.config.headers = [
      { key: 'Accept', value: text('*/*'), enabled: true },
      { key: 'authorization', value: text('Bearer x'), enabled: true },
    ];
    expect(headerSetByAuth(step.config)).toBe(-1);
    step.config.auth = { kind: 'bearer', token: text('y') };
    expect(headerSetByAuth(step.config)).toBe(1);
    expect(stepProblems(step, new Map()).authConflict).toBe(true);
    step.config.headers[1]!.enabled = false;
    expect(headerSetByAuth(step.config)).toBe(-1);
    step.config.auth = { kind: 'api-key', in: 'header', name: 'Accept', value: text('k') };
    expect(headerSetByAuth(step.config)).toBe(0);
    step.config.auth = { kind: 'api-key', in: 'query', name: 'Accept', value: text('k') };
    expect(headerSetByAuth(step.config)).toBe(-1);
  });
});
