import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import type { Step } from '../../shared/model/workflow';
import { openCore, type TestCore, finishedRun } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { codeStep, definition, httpStep, s, t } from '../support/steps';
import { maskFor } from '../../electron/core/redaction/redactor';
import { auditHash, type AuditRecord } from '../../electron/core/audit/audit-entry';

const MASK = maskFor('API token');

let echo: EchoServer;
let elsewhere: EchoServer;
let core: TestCore;
let canary: string;
let secretId: string;

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
  canary = canaryValue('run');
  secretId = (await core.call('secrets.create', { name: 'API token', value: canary })).id;
  echo.received.length = 0;
  elsewhere.received.length = 0;
});
afterEach(() => core.core.close());

/** Creates a workflow from steps, runs it to the end through the bridge and returns the stored run. */
async function run(...steps: Step[]): Promise<Run> {
  const workflow = await core.call('workflows.create', { name: `Workflow ${Math.random()}` });
  await core.call('workflows.save', { id: workflow.id, name: workflow.name, definition: definition(...steps) });
  return finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id })).id);
}

function expectNoCanary(runResult: Run): void {
  expect(leakedForms(JSON.stringify(runResult), canary)).toEqual([]);
  expect(leaksInFiles(core.userDataDir, canary)).toEqual([]);
}

describe('Send API Request injects secrets only on the wire', () => {
  it.each([
    ['a Bearer header', { auth: { kind: 'bearer' as const, token: [] } }, (r: EchoServer['received'][0], v: string) => r.headers.authorization === `Bearer ${v}`],
    [
      'Basic auth',
      { auth: { kind: 'basic' as const, username: t('user'), password: [] } },
      (r: EchoServer['received'][0], v: string) => r.headers.authorization === `Basic ${Buffer.from(`user:${v}`).toString('base64')}`,
    ],
    [
      'a query parameter',
      { auth: { kind: 'api-key' as const, in: 'query' as const, name: 'key', value: [] } },
      (r: EchoServer['received'][0], v: string) => new URL(r.url, 'http://x').searchParams.get('key') === v,
    ],
  ])('sends the exact value in %s and keeps it out of the run', async (_label, partial, received) => {
    const auth = { ...partial.auth } as Record<string, unknown>;
    for (const key of ['token', 'password', 'value']) if (key in auth) auth[key] = s(secretId);
    const result = await run(httpStep('Call API', { url: t(`${echo.url}/plain`), auth: auth as never }));
    expect(result.status).toBe('ok');
    expect(echo.received).toHaveLength(1);
    expect(received(echo.received[0]!, canary)).toBe(true);
    expectNoCanary(result);
  });

  it('sends the exact value inside a JSON body', async () => {
    const result = await run(httpStep('Post', { method: 'POST', url: t(`${echo.url}/plain`), body: { kind: 'json', text: [...t('{"token":"'), ...s(secretId), ...t('"}')] } }));
    expect(result.status).toBe('ok');
    expect(echo.received[0]!.body).toBe(`{"token":"${canary}"}`);
    expect(echo.received[0]!.headers['content-type']).toBe('application/json');
    expectNoCanary(result);
  });
});

describe('every string a run keeps is redacted', () => {
  it.each(['raw', 'base64', 'base64url', 'url', 'json', 'html', 'hex'])('when the server echoes the value %s-encoded', async (as) => {
    const result = await run(httpStep('Echo', { url: t(`${echo.url}/echo?as=${as}`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect(result.steps[0]!.response!.body).toContain(MASK);
    expectNoCanary(result);
  });

  it('when the echo is split across chunks of a chunked response, and inside a 5 MiB body', async () => {
    const chunked = await run(httpStep('Chunked', { url: t(`${echo.url}/echo?chunk=3`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect(chunked.steps[0]!.response!.body).toContain(MASK);
    expectNoCanary(chunked);
    const big = await run(httpStep('Big', { url: t(`${echo.url}/echo?size=${5 * 1024 * 1024 - 100}&chunk=65536`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect(big.status).toBe('ok');
    expect(big.steps[0]!.response!.truncated).toBe(false);
    expectNoCanary(big);
  });

  it('keeps at most 5 MiB of a body and says it was truncated', async () => {
    const result = await run(httpStep('Huge', { url: t(`${echo.url}/echo?size=${6 * 1024 * 1024}`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect(result.steps[0]!.response).toMatchObject({ truncated: true, bytes: 5 * 1024 * 1024 });
    expectNoCanary(result);
  });

  it('when the value comes back in a response header or an error message', async () => {
    const header = await run(httpStep('Header', { url: t(`${echo.url}/header-echo`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect(header.steps[0]!.response!.headers.find(([name]) => name === 'x-echo')?.[1]).toContain(MASK);
    expectNoCanary(header);
    const failed = await run(httpStep('Bad host', { url: [...t('http://'), ...s(secretId), ...t('.invalid/')] }));
    expect(failed.status).toBe('failed');
    expectNoCanary(failed);
  });

  it('when Run Code logs it, returns it, or throws it', async () => {
    await core.call('secrets.setReadableByRunCode', { id: secretId, readable: true });
    const code = 'console.log("token is", input.token); if (input.fail) throw new Error("bad " + input.token); return { echoed: input.token, nested: [input.token] };';
    const ok = await run(codeStep('Log and return', code, [{ name: 'token', value: s(secretId) }]));
    expect(ok.status).toBe('ok');
    expect(ok.steps[0]!.logs.join('\n')).toContain(MASK);
    expect(JSON.stringify(ok.steps[0]!.output)).toContain(MASK);
    expectNoCanary(ok);
    const thrown = await run(
      codeStep('Throw', code, [
        { name: 'token', value: s(secretId) },
        { name: 'fail', value: t('yes') },
      ]),
    );
    expect(thrown.status).toBe('failed');
    expect(thrown.steps[0]!.error!.message).toContain(MASK);
    expectNoCanary(thrown);
  });
});

describe('checks before anything is sent', () => {
  it('drops Authorization on a redirect to another origin', async () => {
    const result = await run(
      httpStep('Redirected', { url: t(`${echo.url}/redirect?to=${encodeURIComponent(`${elsewhere.url}/landing`)}`), auth: { kind: 'bearer', token: s(secretId) } }),
    );
    expect(result.status).toBe('ok');
    expect(echo.received[0]!.headers.authorization).toBe(`Bearer ${canary}`);
    expect(elsewhere.received).toHaveLength(1);
    expect(elsewhere.received[0]!.headers.authorization).toBeUndefined();
    expect(result.steps[0]!.response!.redirects).toEqual([`${elsewhere.url}/landing`]);
  });

  it('keeps Authorization on a redirect within the same origin', async () => {
    await run(httpStep('Same origin', { url: t(`${echo.url}/redirect?to=/landing`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect(echo.received.map((r) => r.headers.authorization)).toEqual([`Bearer ${canary}`, `Bearer ${canary}`]);
  });

  it("refuses a host outside the key's allowed domains before sending", async () => {
    await core.call('secrets.setAllowedDomains', { id: secretId, allowedDomains: ['api.example.com', '*.example.org'] });
    const result = await run(httpStep('Wrong host', { url: t(`${echo.url}/plain`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect(result.status).toBe('failed');
    expect(result.steps[0]!.error!.message).toBe(
      `Step 1 “Wrong host”, field Bearer token: the secret key “API token” may only be sent to api.example.com, *.example.org, not to ${echo.url}. Nothing was sent.`,
    );
    expect(echo.received).toEqual([]);
  });

  it('fails a step whose key was deleted, naming step and field, without sending a request', async () => {
    const workflow = await core.call('workflows.create', { name: 'Uses a key' });
    await core.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(
        httpStep('First', { url: t(`${echo.url}/plain`) }),
        httpStep('Call API', { url: t(`${echo.url}/plain`), headers: [{ key: 'X-Token', value: s(secretId), enabled: true }] }),
      ),
    });
    expect((await core.call('secrets.usage', { id: secretId })).map((u) => [u.workflowName, u.stepName, u.field])).toEqual([['Uses a key', 'Call API', 'headers.0.value']]);
    await core.call('secrets.delete', { id: secretId });
    expect((await core.call('workflows.list', {}))[0]).toMatchObject({ name: 'Uses a key', brokenReferences: 1 });
    const result = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id })).id);
    expect(result.status).toBe('failed');
    expect(result.steps[1]!.error!.message).toBe('Step 2 “Call API”, field Header X-Token: the secret key it uses was deleted. Choose another key for this field.');
    expect(echo.received).toHaveLength(1); // only the first step's request
    expect(echo.received.some((r) => 'x-token' in r.headers)).toBe(false);
  });

  it('fails a step that uses the output of a later or a deleted step before sending, instead of sending an empty value', async () => {
    const first = httpStep('First', { url: t(`${echo.url}/plain`) });
    const later = codeStep('Later', 'return { id: 42 };');
    const caller = httpStep('Call API', { url: t(`${echo.url}/plain`), headers: [{ key: 'X-Id', value: [{ kind: 'output', stepId: later.id, path: 'id' }], enabled: true }] });
    const early = await run(first, caller, later);
    expect(early.steps[1]!.error!.message).toBe('Step 2 “Call API”, field Header X-Id: it uses the output of “Later”, which runs after it. Nothing was sent.');
    expect(echo.received).toHaveLength(1); // only the first step's request
    const gone = await run(first, caller);
    expect(gone.steps[1]!.error!.message).toBe('Step 2 “Call API”, field Header X-Id: it uses the output of a step that was deleted. Nothing was sent.');
    expect(echo.received).toHaveLength(2);
  });

  it('refuses an integration key in a generic field', async () => {
    const slack = await core.call('secrets.create', { name: 'Slack', value: 'xoxb-slack-token-value', type: 'slack' });
    const result = await run(httpStep('Generic', { url: t(`${echo.url}/plain`), auth: { kind: 'bearer', token: s(slack.id) } }));
    expect(result.steps[0]!.error!.message).toContain('is a slack key, but this field takes a generic key');
    expect(echo.received).toEqual([]);
  });

  it('records when a key was last used', async () => {
    expect((await core.call('secrets.list', {}))[0]!.lastUsedAt).toBeNull();
    await run(httpStep('Use', { url: t(`${echo.url}/plain`), auth: { kind: 'bearer', token: s(secretId) } }));
    expect((await core.call('secrets.list', {}))[0]!.lastUsedAt).not.toBeNull();
  });

  it('records each use in the audit trail, every entry chained to the hash of the one before', async () => {
    for (let i = 0; i < 3; i++) await run(httpStep('Use', { url: t(`${echo.url}/plain`), auth: { kind: 'bearer', token: s(secretId) } }));
    const rows = core.peek<{ hash: string; record: string }>('SELECT hash, record FROM audit_entries ORDER BY seq');
    const entries = rows.map((row) => JSON.parse(row.record) as AuditRecord);
    expect(entries.map((entry) => entry.action)).toEqual(['created', 'used', 'used', 'used']);
    entries.forEach((entry, index) => {
      expect(rows[index]!.hash).toBe(auditHash(entry));
      expect(entry.seq).toBe(index + 1);
      expect(entry.prev).toBe(index === 0 ? '' : auditHash(entries[index - 1]!));
    });
  });
});

describe('Run Code sandbox limits, through a run', () => {
  it('stops an infinite loop at the deadline and a memory bomb at the limit; the next run works', async () => {
    const loop = await run(codeStep('Loop', 'while (true) {}', [], { timeoutMs: 300 }));
    expect(loop.steps[0]!.error!.message).toContain('stopped at its deadline');
    const bomb = await run(codeStep('Bomb', 'const a = []; while (true) a.push("x".repeat(1e6));', [], { memoryLimitMb: 16 }));
    expect(bomb.steps[0]!.error!.message).toContain('stopped at its memory limit');
    const fine = await run(codeStep('Fine', 'return [typeof require, typeof process, typeof globalThis.std, 1 + 1];'));
    expect(fine.steps[0]!.output).toEqual(['undefined', 'undefined', 'undefined', 2]);
  });
});
