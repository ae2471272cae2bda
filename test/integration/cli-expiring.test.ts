/** `keyflow list keys --expiring` for CI: the real command against a real vault (keychain, SQLite). */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../support/core';
import { ROOT, tempDir } from '../support/host-process';
import { canaryValue, leakedForms } from '../support/canary';

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function keyflow(userDataDir: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'keyflow.js'), ...args, '--user-data-dir', userDataDir], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

let closeCore: (() => Promise<void>) | null = null;
afterEach(async () => {
  await closeCore?.();
  closeCore = null;
});

async function vault(keys: { name: string; expiresAt?: string; rotationDays?: number }[]): Promise<{ dir: string; values: string[] }> {
  const dir = tempDir('cli-expiring');
  const core = await openCore({ userDataDir: dir });
  closeCore = () => core.core.close();
  const values: string[] = [];
  for (const key of keys) {
    const value = canaryValue(key.name.toLowerCase().replace(/\W/g, ''));
    values.push(value);
    await core.call('secrets.create', { ...key, value });
  }
  await core.core.close();
  closeCore = null;
  return { dir, values };
}

describe('keyflow list keys --expiring', () => {
  it('lists keys due soon and exits 0 when none is overdue', async () => {
    const { dir, values } = await vault([{ name: 'Soon', expiresAt: inDays(3.5) }, { name: 'Later', expiresAt: inDays(40) }, { name: 'Undated' }]);
    const result = await keyflow(dir, 'list', 'keys', '--expiring');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +STATUS +DUE +WHY +ID$/);
    expect(lines.slice(1).map((line) => line.split(/ {2,}/).slice(0, 2))).toEqual([['Soon', 'Expires in 4 days']]);
    const wider = await keyflow(dir, 'list', 'keys', '--expiring', '--within', '60');
    expect(
      wider.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(/ {2,}/)[0]),
    ).toEqual(['Soon', 'Later']);
    for (const value of values) expect(leakedForms(result.stdout + result.stderr + wider.stdout, value)).toEqual([]);
  });

  it('exits 1 when a key is overdue (past its date, or its rotation interval), naming them; --json too', async () => {
    const { dir } = await vault([
      { name: 'Expired', expiresAt: inDays(-2) },
      { name: 'Rotating', rotationDays: 90 },
      { name: 'Fine', expiresAt: inDays(100) },
    ]);
    const result = await keyflow(dir, 'list', 'keys', '--expiring');
    expect(result.status).toBe(1);
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(/ {2,}/).slice(0, 2)),
    ).toEqual([['Expired', 'Overdue']]);
    expect(result.stderr).toBe('keyflow: 1 key is overdue for rotation.\n');
    const json = await keyflow(dir, 'list', 'keys', '--expiring', '--within', '100', '--json');
    expect(json.status).toBe(1);
    expect((JSON.parse(json.stdout) as { name: string; rotation: { status: string } }[]).map((key) => [key.name, key.rotation.status])).toEqual([
      ['Expired', 'overdue'],
      ['Rotating', 'due-soon'],
      ['Fine', 'due-soon'],
    ]);
  });

  it('refuses --within without --expiring, and a bad number of days, with exit 2', async () => {
    const { dir } = await vault([]);
    expect(await keyflow(dir, 'list', 'keys', '--within', '5')).toMatchObject({ status: 2, stderr: expect.stringContaining('--within goes with --expiring.') });
    expect(await keyflow(dir, 'list', 'keys', '--expiring', '--within', 'soon')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--within takes a whole number of days'),
    });
    expect(await keyflow(dir, 'list', 'workflows', '--expiring')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--expiring and --within go with keyflow list keys.'),
    });
  });
});
