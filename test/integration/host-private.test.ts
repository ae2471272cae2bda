/**
 * The browser host in the shipped configuration (NODE_ENV=production, no tripwire), as an
 * attacker on the same machine would try it (issue 10, findings 11–14 and 16).
 */
import { readFileSync, mkdirSync, chmodSync, statSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, LOG_FILE } from '../../electron/core/keyflow-core';
import { startHost, tempDir, type RunningHost } from '../support/host-process';
import { canaryValue } from '../support/canary';
import { codeStep, definition } from '../support/steps';

const hosts: RunningHost[] = [];
async function host(options: Parameters<typeof startHost>[0] = {}) {
  const h = await startHost({ shipped: true, ...options });
  hosts.push(h);
  return h;
}
afterEach(async () => {
  for (const h of hosts.splice(0)) if (h.child.exitCode === null && h.child.signalCode === null) await h.stop();
});

const launchSecretOf = (h: RunningHost) => /name="launch" value="([^"]+)"/.exec(readFileSync(fileURLToPath(h.launchUrl), 'utf8'))![1]!;
const bridge = (h: RunningHost, headers: Record<string, string>) =>
  fetch(`${h.origin}/bridge/secrets.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: h.origin, ...headers }, body: '{}' });

/** A raw request line, as a scanner would send it (fetch normalizes paths). */
function rawStatus(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { method: 'POST', path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('finding 11: the launch secret is used once and travels in no URL or command line', () => {
  it('prints and opens only a file:// page whose address holds no secret, and trades its secret once for a different session', async () => {
    const h = await host();
    const launch = launchSecretOf(h);
    expect(h.launchUrl.startsWith('file://')).toBe(true);
    expect(h.launchUrl).not.toContain(launch);
    expect(readFileSync(`/proc/${h.child.pid}/cmdline`, 'utf8')).not.toContain(launch);
    const first = await fetch(`${h.origin}/session`, { method: 'POST', body: new URLSearchParams({ launch }) });
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).not.toContain(launch);
    expect(await first.text()).not.toContain(launch);
    expect((await fetch(`${h.origin}/session`, { method: 'POST', body: new URLSearchParams({ launch }) })).status).toBe(403);
    expect(launchSecretOf(h)).not.toBe(launch); // the page was rewritten with a fresh one
    expect(statSync(fileURLToPath(h.launchUrl)).mode & 0o777).toBe(0o600);
  });
});

describe('finding 12: a session no other local server can replay', () => {
  it('refuses the cookie without the header half, whatever Origin is claimed', async () => {
    const h = await host();
    expect((await bridge(h, { Cookie: h.session.Cookie })).status).toBe(401);
    expect((await bridge(h, { 'X-Keyflow-Session': h.session['X-Keyflow-Session'] })).status).toBe(401);
    expect((await bridge(h, { ...h.session })).status).toBe(200);
  });

  it('names its cookie after its port, so two hosts side by side keep their own sessions', async () => {
    const [a, b] = [await host(), await host()];
    expect(a.session.Cookie.split('=')[0]).not.toBe(b.session.Cookie.split('=')[0]);
    // A browser sends both cookies to both: each host reads its own.
    const both = `${a.session.Cookie}; ${b.session.Cookie}`;
    expect((await bridge(a, { Cookie: both, 'X-Keyflow-Session': a.session['X-Keyflow-Session'] })).status).toBe(200);
    expect((await bridge(b, { Cookie: both, 'X-Keyflow-Session': b.session['X-Keyflow-Session'] })).status).toBe(200);
    expect((await bridge(a, { Cookie: both, 'X-Keyflow-Session': b.session['X-Keyflow-Session'] })).status).toBe(401);
  });
});

describe('finding 13: malformed requests', () => {
  it('answers 400 to a malformed path, unauthenticated, without a stack in a log that stays small', async () => {
    const h = await host();
    for (let i = 0; i < 60; i++) expect(await rawStatus(h.origin, '/bridge/%E0%A4%A')).toBe(400);
    expect(await rawStatus(h.origin, '/%')).toBe(400);
    const log = readFileSync(join(h.userDataDir, LOG_FILE), 'utf8');
    expect(log).not.toMatch(/^\s+at /m);
    expect(log.split('\n').length).toBeLessThan(20);
  });
});

describe('finding 14: private files', () => {
  it('makes an existing user-data folder 0700 and the database, WAL, SHM and log 0600', async () => {
    const userDataDir = join(tempDir('perm'), 'Keyflow');
    mkdirSync(userDataDir, { mode: 0o755 });
    chmodSync(userDataDir, 0o755);
    const h = await host({ userDataDir });
    await h.call('secrets.create', { name: 'Key', value: canaryValue('perm') });
    expect(statSync(userDataDir).mode & 0o777).toBe(0o700);
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, LOG_FILE].map((file) => join(userDataDir, file));
    for (const file of files) expect({ file, mode: (statSync(file).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
    expect(statSync(join(userDataDir, 'logs')).mode & 0o777).toBe(0o700);
    expect(readdirSync(userDataDir).some((name) => name.startsWith('open-keyflow-'))).toBe(true);
  });
});

describe('finding 16: no tripwire unless a test asks for it', () => {
  it('keeps no plaintext for a tripwire: a workflow named like a value works, and runs end', async () => {
    const h = await host();
    const value = canaryValue('tripwire');
    await h.call('secrets.create', { name: 'Key', value });
    const workflow = await h.call('workflows.create', { name: `Uses ${value.slice(0, 20)}` });
    await h.call('workflows.save', { id: workflow.id, name: value, definition: definition(codeStep('Echo', 'return 1;')) });
    expect((await h.call('workflows.list', {})).map((w) => w.name)).toContain(value);
    const run = await h.call('runs.start', { workflowId: workflow.id });
    await expect.poll(async () => (await h.call('runs.get', { id: run.id })).status).toBe('ok');
  });
});
