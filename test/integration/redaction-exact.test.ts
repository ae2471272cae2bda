/**
 * Exact redaction (issue 10, findings 5–10), through real runs against a real server:
 * parsed output redacted again, cuts made after redacting, the URL standard's forms, an
 * inert mask, header names, declared charsets, and the forms other maskers cover.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import type { Step } from '../../shared/model/workflow';
import { maskFor } from '../../electron/core/redaction/redactor';
import { openCore, type TestCore } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { leakedForms, leaksInFiles } from '../support/canary';
import { codeStep, definition, httpStep, s, t } from '../support/steps';

let echo: EchoServer;
let core: TestCore;

beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
beforeEach(async () => {
  core = await openCore();
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

/** A step that fetches exactly these bytes with this Content-Type. */
const bytes = (body: Buffer | string, type = 'text/plain; charset=utf-8') => httpStep('Fetch', { url: t(echo.stash(body, type)) });

function expectKeptOut(result: Run, value: string, printed: string): void {
  const stored = JSON.stringify(result);
  expect(stored).not.toContain(JSON.stringify(printed).slice(1, -1));
  expect(leakedForms(stored, value)).toEqual([]);
  expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
}

describe('finding 5: JSON is redacted after it is parsed', () => {
  it('masks a value the server spelled with \\u escapes, in the output, events, runs.get and the database', async () => {
    const value = 'sk_live_51HxYzAbCdEf0123';
    await core.call('secrets.create', { name: 'Stripe', value });
    const escaped = [...value].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const seen: string[] = [];
    const stop = core.core.subscribe((event) => seen.push(JSON.stringify(event)));
    const result = await run(bytes(`{"token":"${escaped}"}`, 'application/json'));
    stop();
    expect((result.steps[0]!.output as { body: unknown }).body).toEqual({ token: maskFor('Stripe') });
    expect(seen.join('\n')).not.toContain(value);
    expect(JSON.stringify(result)).not.toContain(value);
    expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
  });
});

describe('finding 6: cut after redacting', () => {
  it('masks a secret that straddles the 5 MiB cut of a body whole', async () => {
    const value = 'kfStraddle-0123456789-secret';
    const secret = await core.call('secrets.create', { name: 'Straddle', value });
    const size = 2 * (5 * 1024 * 1024 - 5) + value.length;
    const result = await run(httpStep('Huge', { url: t(`${echo.url}/echo?size=${size}`), auth: { kind: 'bearer', token: s(secret.id) } }));
    const body = result.steps[0]!.response!.body;
    expect(result.steps[0]!.response!.truncated).toBe(true);
    expect(body.endsWith(maskFor('Straddle'))).toBe(true);
    expect(body.slice(-40)).not.toContain(value.slice(0, 5));
  });

  it('masks a secret that straddles the cut of Run Code console output whole', async () => {
    const value = 'kfConsole-0123456789-secret';
    const secret = await core.call('secrets.create', { name: 'Console', value, readableByRunCode: true });
    const result = await run(codeStep('Print', 'console.log("x".repeat(1000000 - 5) + input.key + "tail"); return 1;', [{ name: 'key', value: s(secret.id) }]));
    const logs = result.steps[0]!.logs;
    expect(logs.at(-1)).toBe('[console output truncated after 1000000 characters]');
    expect(logs.at(-2)!.endsWith(maskFor('Console'))).toBe(true);
    expect(logs.join('').slice(-200)).not.toContain(value.slice(0, 5));
  });
});

describe('finding 7: URLs as the URL standard serializes them', () => {
  const value = 'p@ss$word!1 a{b}c|d^e';

  it('masks a password in a URL’s userinfo and a value in its path and query', async () => {
    await core.call('secrets.create', { name: 'Password', value });
    const secret = (await core.call('secrets.list', {}))[0]!;
    const port = new URL(echo.url).port;
    const userinfo = await run(httpStep('Userinfo', { url: [...t('http://user:'), ...s(secret.id), ...t(`@127.0.0.1:${port}/plain`)] }));
    expect(userinfo.steps[0]!.request!.url).toContain(maskFor('Password'));
    expectKeptOut(userinfo, value, new URL(`http://user:${value}@127.0.0.1/`).password);
    const path = await run(httpStep('Path and query', { url: [...t(`${echo.url}/`), ...s(secret.id), ...t('?q='), ...s(secret.id)] }));
    const served = new URL(`http://x/${value}?q=${value}`);
    expect(path.steps[0]!.request!.url).toBe(`${echo.url}/${maskFor('Password')}?q=${maskFor('Password')}`);
    expectKeptOut(path, value, served.pathname.slice(1));
    expectKeptOut(path, value, served.search.slice(3));
  });
});

describe('finding 8: the mask is inert', () => {
  it('keeps a JSON body’s structure whatever the key is called', async () => {
    const value = 'tok_injection_0123456789';
    const name = 'a","admin":true,"b":"';
    await core.call('secrets.create', { name, value });
    const result = await run(bytes(`{"token":"${value}"}`, 'application/json'));
    const response = result.steps[0]!.response!;
    expect(JSON.parse(response.body)).toEqual({ token: maskFor(name) });
    expect((result.steps[0]!.output as { body: unknown }).body).toEqual({ token: maskFor(name) });
    for (const mask of [maskFor(name), maskFor('<b>"\'&\r\n: /?#[]@ x')]) {
      expect(mask).toMatch(/^[A-Za-z0-9*-]+$/);
      expect(new URL(`https://${mask}.example/${mask}?${mask}#${mask}`).hostname).toBe(`${mask.toLowerCase()}.example`);
    }
  });
});

describe('finding 9: header names and charsets', () => {
  it('redacts response header names', async () => {
    const value = 'kfheadername0123456789';
    await core.call('secrets.create', { name: 'Header key', value });
    const result = await run(httpStep('Header name', { url: t(echo.stash('ok', 'text/plain', { [`X-${value}`]: 'yes' })) }));
    const names = result.steps[0]!.response!.headers.map(([name]) => name);
    expect(names).toContain(`x-${maskFor('Header key')}`);
    expectKeptOut(result, value, value);
  });

  it.each([
    ['a declared UTF-16LE charset', (text: string) => Buffer.from(text, 'utf16le'), 'text/plain; charset=utf-16le'],
    ['a declared UTF-16BE charset', (text: string) => Buffer.from(text, 'utf16le').swap16(), 'text/plain; charset=UTF-16BE'],
    ['a UTF-16 byte order mark', (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'text/plain'],
    ['a declared Latin-1 charset', (text: string) => Buffer.from(text, 'latin1'), 'text/plain; charset=iso-8859-1'],
  ])('decodes a body by %s before redacting', async (_label, encode, type) => {
    const value = 'clé-secrète-0123456789';
    await core.call('secrets.create', { name: 'Charset key', value });
    const result = await run(bytes(encode(`before ${value} after`), type));
    expect(result.steps[0]!.response!.body).toBe(`before ${maskFor('Charset key')} after`);
  });
});

describe('finding 10: the forms other maskers cover', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nAbC=\n-----END PRIVATE KEY-----';
  const quoted = 'it\'s-a-se"cret-$0123';
  const long = 'kf-long-value-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ';
  it.each([
    ['the value trimmed of surrounding whitespace', '  kf-trimmed-0123456789\t\n', (v: string) => `token=${v.trim()};`],
    ['a multi-line value printed with CRLF', pem, (v: string) => v.replaceAll('\n', '\r\n')],
    ['a multi-line value printed with CR', pem, (v: string) => v.replaceAll('\n', '\r')],
    ['a multi-line value joined by spaces', pem, (v: string) => v.replaceAll('\n', ' ')],
    ['the short last line of a PEM key printed after its line, CRLF', pem, () => `MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\r\nAbC=\r\n`],
    ['base64 wrapped at 76 columns (coreutils, MIME)', long, (v: string) => Buffer.from(v).toString('base64').replace(/.{76}/g, '$&\n')],
    ['base64 wrapped at 64 columns with CRLF (openssl)', long, (v: string) => Buffer.from(v).toString('base64').replace(/.{64}/g, '$&\r\n')],
    ['HTML decimal entities', 'kf-entities-0123', (v: string) => [...v].map((c) => `&#${c.charCodeAt(0)};`).join('')],
    ['HTML hex entities', 'kf-entities-0123', (v: string) => [...v].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')],
    ["shell single quotes with '\\''", quoted, (v: string) => `'${v.replaceAll("'", "'\\''")}'`],
    ["shell single quotes with '\"'\"'", quoted, (v: string) => `'${v.replaceAll("'", `'"'"'`)}'`],
    ['a double-quoted shell string', quoted, (v: string) => `"${v.replace(/["\\$`]/g, '\\$&')}"`],
    ["SQL's doubled ''", quoted, (v: string) => `'${v.replaceAll("'", "''")}'`],
    ['NFD when stored in NFC', 'clé-café-0123456789'.normalize('NFC'), (v: string) => v.normalize('NFD')],
  ])('%s', async (_label, value, print) => {
    await core.call('secrets.create', { name: 'Form key', value });
    const printed = print(value);
    const result = await run(bytes(`log: ${printed} end`));
    const body = result.steps[0]!.response!.body;
    expect(body).toContain(maskFor('Form key'));
    expect(body).not.toContain(printed.trim());
    // No line of the value stays visible, however short (the last line of a PEM key).
    for (const line of value.split('\n').filter((line) => line.trim().length >= 4)) expect(body).not.toContain(line.trim());
    expectKeptOut(result, value, printed.trim());
  });

  it('keeps masking a value after it is replaced, and after its key is deleted', async () => {
    const first = 'kf-first-version-0123456789';
    const second = 'kf-second-version-0123456789';
    const key = await core.call('secrets.create', { name: 'Rotated', value: first });
    await core.call('secrets.updateValue', { id: key.id, value: second });
    const rotated = await run(bytes(`old=${first}`));
    expect(rotated.steps[0]!.response!.body).toBe(`old=${maskFor('Rotated')}`);
    await core.call('secrets.delete', { id: key.id });
    const deleted = await run(bytes(`old=${first} newer=${second}`));
    expect(deleted.steps[0]!.response!.body).toBe(`old=${maskFor('Rotated')} newer=${maskFor('Rotated')}`);
    for (const value of [first, second]) expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
  });

  it('keeps masking a value replaced, linked elsewhere or cleared in one environment, and the values of a deleted environment', async () => {
    const values = { staging1: 'kf-staging-first-0123456', staging2: 'kf-staging-second-012345', qa: 'kf-qa-only-value-0123456', prod: 'kf-production-value-01234' };
    const environment = async (name: string) => (await core.call('environments.create', { name })).environments.find((e) => e.name === name)!;
    const [staging, qa, production] = [await environment('Staging'), await environment('QA'), await environment('Production')];
    const key = await core.call('secrets.create', { name: 'Per env', value: values.staging1, environmentId: staging.id });
    await core.call('secrets.updateValue', { id: key.id, value: values.qa, environmentId: qa.id });
    await core.call('secrets.updateValue', { id: key.id, value: values.prod, environmentId: production.id });
    await core.call('secrets.updateValue', { id: key.id, value: values.staging2, environmentId: staging.id });
    await core.call('secrets.clearValue', { id: key.id, environmentId: production.id });
    await core.call('environments.delete', { id: qa.id });
    const meta = (await core.call('secrets.list', {})).find((secret) => secret.id === key.id)!;
    expect(meta.values.map((entry) => entry.environmentId)).toEqual([staging.id]);
    const result = await run(bytes(Object.values(values).join(' ')));
    expect(result.steps[0]!.response!.body).toBe(Array(4).fill(maskFor('Per env')).join(' '));
    for (const value of Object.values(values)) expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
  });
});
