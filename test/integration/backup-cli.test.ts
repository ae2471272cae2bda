/**
 * `keyflow backup` and `keyflow restore` as shipped (the built command line, the real keychain,
 * real SQLite files), and a restore killed by SIGKILL: the database is either as it was or fully
 * restored, and passes `PRAGMA integrity_check`.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptBackup } from '../../electron/core/backup/backup-file';
import type { BackupContents } from '../../electron/core/backup/backup-contents';
import { DATABASE_FILE } from '../../electron/core/keyflow-core';
import { openCore } from '../support/core';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { ROOT, tempDir } from '../support/host-process';

const PASSPHRASE = 'correct horse battery staple';

type Result = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Starts the real command with `stdin` piped in; `kill` may end it early. */
function keyflow(args: string[], stdin: string): { done: Promise<Result>; kill: () => void } {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'keyflow.js'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const done = new Promise<Result>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { done, kill: () => child.kill('SIGKILL') };
}

/** A backup made here, large enough that its restore takes a while: 1,500 keys with values in 2 environments, 300 workflows. */
function largeContents(): BackupContents {
  const at = '2026-03-01T10:00:00.000Z';
  return {
    format: 1,
    createdAt: at,
    appVersion: '0.1.0',
    workspace: { id: 'ws_backup', name: 'Personal', kind: 'personal' },
    environments: [
      { id: 'default', name: 'Default', position: 0, protected: false },
      { id: 'env_staging', name: 'Staging', position: 1, protected: false },
    ],
    secrets: Array.from({ length: 1500 }, (_, i) => ({
      id: `sec_${i}`,
      name: `Key ${i}`,
      description: '',
      type: 'generic' as const,
      allowedDomains: [],
      readableByRunCode: false,
      visibility: 'hidden' as const,
      createdBy: 'Ada',
      createdAt: at,
      updatedBy: 'Ada',
      updatedAt: at,
      lastUsedAt: null,
      values: [
        { environmentId: 'default', version: 1, value: `value-${i}-default-${'x'.repeat(40)}` },
        { environmentId: 'env_staging', version: 2, value: `value-${i}-staging-${'y'.repeat(40)}` },
      ],
    })),
    retired: [],
    variables: [],
    workflows: Array.from({ length: 300 }, (_, i) => ({
      id: `wf_${i}`,
      name: `Workflow ${i}`,
      definition: { trigger: { kind: 'manual' as const }, steps: [] },
      createdAt: at,
      updatedAt: at,
    })),
    runs: null,
  };
}

/** What a restore changes, without what differs by design between two restores (fresh nonces, the time). */
function state(dir: string): { integrity: string; rows: string } {
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    const rows = JSON.stringify([
      db.prepare('SELECT id, name FROM environments ORDER BY id').all(),
      db.prepare('SELECT id, name FROM secrets ORDER BY id').all(),
      db.prepare('SELECT secret_id, environment_id, value_version, length(sealed_value) AS n FROM secret_values ORDER BY 1, 2').all(),
      db.prepare('SELECT id, name, definition FROM workflows ORDER BY id').all(),
    ]);
    return { integrity, rows };
  } finally {
    db.close();
  }
}

let pristine: string;
let backupFile: string;
let local: string;
beforeAll(async () => {
  const core = await openCore();
  local = canaryValue('local');
  await core.call('secrets.create', { name: 'Key 7', value: local }); // takes a restored name: that one is renamed
  await core.core.close();
  pristine = core.userDataDir;
  backupFile = join(tempDir('backup'), 'large.kfbackup');
  writeFileSync(backupFile, await encryptBackup(Buffer.from(JSON.stringify(largeContents())), PASSPHRASE, { cost: { N: 2 ** 12, r: 8, p: 1 } }));
});

describe('keyflow backup and restore', () => {
  it('backs up with the passphrase from standard input, restores with --dry-run (nothing changed) and then for real', async () => {
    const source = await openCore();
    const value = canaryValue('cli');
    await source.call('secrets.create', { name: 'Deploy token', value });
    await source.core.close();
    const out = join(tempDir('backup'), 'cli.kfbackup');
    const made = await keyflow(['backup', '--out', out, '--user-data-dir', source.userDataDir], `${PASSPHRASE}\n`).done;
    expect(made.stderr).toBe('');
    expect(made.stdout).toBe(`Backed up to ${out}. Keep the passphrase safe: without it this backup can't be opened.\n`);
    expect((statSync(out).mode & 0o777).toString(8)).toBe('600');
    expect(leakedForms(readFileSync(out), value)).toEqual([]);
    expect(leakedForms(readFileSync(out), PASSPHRASE)).toEqual([]);

    const target = join(tempDir('restore'), 'profile');
    cpSync(pristine, target, { recursive: true });
    const before = state(target);
    const dry = await keyflow(['restore', out, '--dry-run', '--user-data-dir', target], `${PASSPHRASE}\n`).done;
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Keys: 1 added, 0 replaced, 0 unchanged\n  added: Deploy token\n');
    expect(dry.stdout).toContain('Nothing was changed (--dry-run).');
    expect(state(target)).toEqual(before);

    const wrong = await keyflow(['restore', out, '--user-data-dir', target], 'not it\n').done;
    expect({ status: wrong.status, stderr: wrong.stderr }).toEqual({ status: 1, stderr: 'keyflow: That passphrase does not open this backup.\n' });
    const none = await keyflow(['restore', out, '--user-data-dir', target], '').done;
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no backup passphrase/);

    const restored = await keyflow(['restore', out, '--user-data-dir', target, '--json'], `${PASSPHRASE}\n`).done;
    expect(JSON.parse(restored.stdout)).toEqual({ keys: 1, environments: 0, variables: 0, workflows: 0, runs: 0 });
    const listed = await keyflow(['list', 'keys', '--user-data-dir', target, '--json'], '').done;
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((key) => key.name).sort()).toEqual(['Deploy token', 'Key 7']);
    expect(leaksInFiles(target, value)).toEqual([]);
  }, 240_000);

  it('a restore killed by SIGKILL at any point leaves the database as it was or fully restored, and intact', async () => {
    const reference = join(tempDir('restore'), 'reference');
    cpSync(pristine, reference, { recursive: true });
    const before = state(reference);
    const full = await keyflow(['restore', backupFile, '--user-data-dir', reference], `${PASSPHRASE}\n`).done;
    expect(full.status).toBe(0);
    const after = state(reference);
    expect(after.rows).not.toBe(before.rows);
    expect(after.integrity).toBe('ok');

    const outcomes: string[] = [];
    for (let iteration = 0; iteration < 6; iteration++) {
      const dir = join(tempDir('restore'), `killed-${iteration}`);
      cpSync(pristine, dir, { recursive: true });
      const wal = join(dir, `${DATABASE_FILE}-wal`);
      const walAtStart = existsSync(wal) ? statSync(wal).size : 0;
      const run = keyflow(['restore', backupFile, '--user-data-dir', dir], `${PASSPHRASE}\n`);
      let ended = false;
      void run.done.then(() => (ended = true));
      // Half the iterations kill at a random moment; the others as soon as the restore starts writing (the WAL grows).
      const deadline = Date.now() + Math.random() * 2500;
      while (!ended) {
        const writing = existsSync(wal) && statSync(wal).size > walAtStart;
        if (iteration % 2 === 0 ? Date.now() >= deadline : writing) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      run.kill();
      const result = await run.done;
      const now = state(dir);
      expect(now.integrity).toBe('ok');
      expect([before.rows, after.rows]).toContain(now.rows);
      outcomes.push(`${result.signal ?? 'exit'}:${now.rows === before.rows ? 'unchanged' : 'restored'}`);
      // Whatever happened, restoring again completes.
      if (now.rows === before.rows) {
        expect((await keyflow(['restore', backupFile, '--user-data-dir', dir], `${PASSPHRASE}\n`).done).status).toBe(0);
        expect(state(dir).rows).toBe(after.rows);
      }
    }
    expect(outcomes.some((outcome) => outcome.startsWith('SIGKILL'))).toBe(true);
    expect(leaksInFiles(reference, `value-7-default-${'x'.repeat(40)}`)).toEqual([]);
  }, 300_000); // a dozen runs of the command line, on a machine that may be busy
});
