import Database from 'better-sqlite3';
import { request } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/keyflow-core';
import { startHost, type RunningHost } from '../support/host-process';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';

const hosts: RunningHost[] = [];
async function host(options?: Parameters<typeof startHost>[0]) {
  const h = await startHost(options);
  hosts.push(h);
  return h;
}
afterEach(async () => {
  for (const h of hosts.splice(0)) if (h.child.exitCode === null && h.child.signalCode === null) await h.stop();
});

/** fetch() won't send a forged Host header (as a DNS-rebinding page would); node:http will. */
function statusWithHost(url: string, hostHeader: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, Host: hostHeader, 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('browser host: who may call the bridge', () => {
  it('refuses requests without the session, from another Origin or Host, and bad launch secrets', async () => {
    const h = await host();
    const url = `${h.origin}/bridge/secrets.list`;
    const post = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });

    expect((await post({ Origin: h.origin })).status).toBe(401);
    expect((await post({ Origin: h.origin, Cookie: 'keyflow_session=forged', 'X-Keyflow-Session': 'forged' })).status).toBe(401);
    expect((await post({ Origin: 'http://evil.example', ...h.session })).status).toBe(403);
    expect((await post({ ...h.session })).status).toBe(403); // no Origin at all
    expect(await statusWithHost(url, 'rebound.example:80', { Origin: h.origin, ...h.session })).toBe(403);
    expect((await fetch(`${h.origin}/session`, { method: 'POST', body: new URLSearchParams({ launch: 'guess' }) })).status).toBe(403);
    expect((await fetch(url, { headers: { Origin: h.origin, ...h.session } })).status).toBe(405);

    const ok = await post({ Origin: h.origin, ...h.session });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, result: [] });
  });

  it('hands out the cookie half only as an HttpOnly, SameSite=Strict cookie and serves pages under the CSP', async () => {
    const h = await host();
    const page = readFileSync(fileURLToPath(h.launchUrl), 'utf8');
    const launch = /name="launch" value="([^"]+)"/.exec(page)![1]!;
    const handshake = await fetch(`${h.origin}/session`, { method: 'POST', body: new URLSearchParams({ launch }), redirect: 'manual' });
    expect(handshake.status).toBe(200);
    expect(handshake.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const page2 = await fetch(`${h.origin}/`);
    expect(page2.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${h.origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('rejects bodies that are not JSON, too large or malformed, with a typed error', async () => {
    const h = await host();
    expect(await h.raw('secrets.list', 'not json')).toMatchObject({ status: 400 });
    expect(JSON.parse((await h.raw('secrets.list', 'not json')).body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect((await h.raw('secrets.list', '{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await h.raw('secrets.create', JSON.stringify({ name: 'x', value: 'y'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
    expect(await h.call('secrets.list', {})).toEqual([]);
  });
});

describe('browser host: durability and leaks', () => {
  it('loses no acknowledged secret when killed with SIGKILL mid-stream, and the database stays intact', async () => {
    const h = await host();
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          const created = await h.call('secrets.create', { name: `Stream ${i}`, value: `stream-value-${i}-xxxxxxxx` });
          acknowledged.push(created.id);
          if (i % 3 === 0) await h.call('secrets.updateValue', { id: created.id, value: `stream-value-${i}-rotated` });
        } catch {
          return; // the host died under us
        }
      }
    })();
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    await h.kill();
    stop = true;
    await writer;

    const db = new Database(join(h.userDataDir, DATABASE_FILE));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const again = await host({ userDataDir: h.userDataDir });
    const ids = new Set((await again.call('secrets.list', {})).map((s) => s.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('keeps the canary value out of every response, the database, its WAL and the logs', async () => {
    const h = await host();
    const canary = canaryValue('host');
    const rotated = canaryValue('rotated');
    const created = await h.call('secrets.create', { name: 'Canary', value: canary, description: 'watch me' });
    await h.call('secrets.rename', { id: created.id, name: 'Canary renamed' });
    await h.call('secrets.updateValue', { id: created.id, value: rotated });
    await h.call('secrets.list', { query: 'canary' });
    await h.call('secrets.create', { name: 'Canary renamed', value: canary }).catch(() => undefined); // duplicate: error path
    expect(existsSync(join(h.userDataDir, `${DATABASE_FILE}-wal`))).toBe(true);

    for (const value of [canary, rotated]) {
      expect(h.responses.flatMap((body) => leakedForms(body, value))).toEqual([]);
      expect(leaksInFiles(h.userDataDir, value)).toEqual([]);
    }
    await h.stop();
    for (const value of [canary, rotated]) expect(leaksInFiles(h.userDataDir, value)).toEqual([]);
  });
});

describe('browser host: keychain unavailable', () => {
  it('says exactly what is wrong when no Secret Service is on D-Bus, and stores nothing', async () => {
    const h = await host({ env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keyflow-bus', DISPLAY: '' } });
    const status = await h.call('vault.status', {});
    expect(status).toMatchObject({ state: 'keychain-unavailable', alternatives: ['passphrase'] });
    if (status.state !== 'keychain-unavailable') throw new Error('unreachable');
    expect(status.problem).toContain('No Secret Service is running');
    expect(status.remedy).toContain('GNOME Keyring');
    const refused = JSON.parse((await h.raw('secrets.create', JSON.stringify({ name: 'X', value: 'never-stored-value' }))).body);
    expect(refused).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
  });
});
