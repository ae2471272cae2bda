/**
 * 10. Encrypted backup and restore of 10,000 keys with a value in each of 3 environments and
 * 1,000 workflows (each referencing a key), through the bridge as the app calls it, with the
 * app's own scrypt cost; against copying the database file side by side. The workspace is
 * written straight into the database (values sealed under the real master key), since
 * sealing 30,000 values through the bridge would measure creation, not backup.
 * Restore = backups.preview + backups.restore into an empty profile (another user-data dir,
 * its own master key): every key, value and workflow added, every value sealed again.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCore, DATABASE_FILE, type KeyflowCore } from '../electron/core/keyflow-core';
import type { KeyStore } from '../electron/core/keystore/key-store';
import type { BridgeResponse } from '../shared/bridge/errors';
import type { CallArgs, CallName, CallResult } from '../shared/bridge/contract';
import { median, type Row } from './measure';
import { requestDefinition } from './team-fixture';

const KEYS = 10_000;
const ENVIRONMENTS = ['Staging', 'Production'];
const WORKFLOWS = 1_000;
const RUNS = 3;
const PASSPHRASE = 'a benchmark passphrase';

async function call<N extends CallName>(core: KeyflowCore, name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const response = (await core.dispatch(name, args)) as BridgeResponse<CallResult<N>>;
  if (!response.ok) throw new Error(`${name} failed: ${response.error.message}`);
  return response.result;
}

async function populate(core: KeyflowCore, userDataDir: string): Promise<void> {
  const environmentIds = ['default'];
  for (const name of ENVIRONMENTS) environmentIds.push((await call(core, 'environments.create', { name })).environments.find((e) => e.name === name)!.id);
  const workspaceId = (await call(core, 'workspaces.list', {})).find((w) => w.kind === 'personal')!.id;
  const at = new Date().toISOString();
  const db = new Database(join(userDataDir, DATABASE_FILE));
  try {
    db.pragma('busy_timeout = 5000');
    const secret = db.prepare(
      "INSERT INTO secrets (workspace_id, id, name, name_key, created_by, created_at, updated_by, updated_at, visibility) VALUES (?, ?, ?, ?, 'Bench', ?, 'Bench', ?, 'masked')",
    );
    const value = db.prepare('INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value, hint) VALUES (?, ?, ?, 1, ?, ?)');
    const workflow = db.prepare('INSERT INTO workflows (workspace_id, id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < KEYS; i++) {
        const id = `sec_bench_${i}`;
        secret.run(workspaceId, id, `Key ${i}`, `key ${i}`, at, at);
        for (const environmentId of environmentIds) {
          const plain = `sk_bench_${environmentId}_${i}_${'v'.repeat(24)}`;
          value.run(workspaceId, id, environmentId, core.vault.seal({ workspaceId, secretId: id, version: 1, environmentId }, plain), plain.slice(-4));
        }
      }
      for (let i = 0; i < WORKFLOWS; i++) {
        workflow.run(workspaceId, `wf_bench_${i}`, `Workflow ${i}`, JSON.stringify(requestDefinition('step_1', `sec_bench_${i}`)), at, at);
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export async function benchBackup(keychain: KeyStore): Promise<{ rows: Row[]; notes: string[] }> {
  const dirs: string[] = [];
  const dir = (label: string) => {
    const made = mkdtempSync(join(tmpdir(), `keyflow-bench-${label}-`));
    dirs.push(made);
    return made;
  };
  const sourceDir = dir('backup-source');
  const source = await startCore({ userDataDir: sourceDir, keyStores: { keychain }, host: 'browser', tripwire: false });
  const targets: KeyflowCore[] = [];
  try {
    await populate(source, sourceDir);
    const out = dir('backup-files');
    const samples = { backup: [] as number[], copy: [] as number[], restore: [] as number[] };
    const files: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      let start = process.hrtime.bigint();
      copyFileSync(join(sourceDir, DATABASE_FILE), join(out, `copy-${run}.db`));
      samples.copy.push(elapsed(start));
      const file = join(out, `backup-${run}.kfbackup`);
      start = process.hrtime.bigint();
      await call(source, 'backups.create', { path: file, passphrase: PASSPHRASE });
      samples.backup.push(elapsed(start));
      files.push(file);
    }
    const bytes = statSync(files[0]!).size;
    for (let run = 0; run < RUNS; run++) {
      const target = await startCore({ userDataDir: dir('backup-target'), keyStores: { keychain }, host: 'browser', tripwire: false });
      targets.push(target);
      const start = process.hrtime.bigint();
      const preview = await call(target, 'backups.preview', { path: files[run]!, passphrase: PASSPHRASE });
      const result = await call(target, 'backups.restore', { previewId: preview.previewId });
      samples.restore.push(elapsed(start));
      if (result.keys !== KEYS || result.workflows !== WORKFLOWS) throw new Error(`restored ${result.keys} keys and ${result.workflows} workflows`);
    }
    const copy = median(samples.copy);
    const backup = median(samples.backup);
    const restore = median(samples.restore);
    const label = `${KEYS.toLocaleString('en')} keys × 3 environments + ${WORKFLOWS.toLocaleString('en')} workflows`;
    return {
      rows: [
        {
          measurement: `backups.create: ${label} (median of ${RUNS})`,
          value: backup,
          unit: 'ms',
          baseline: { value: copy, label: 'copy keyflow.db' },
          ratio: `${(backup / copy).toFixed(1)}× copy`,
          target: { text: '< 2 s', met: backup < 2000 },
        },
        {
          measurement: `backups.preview + restore into an empty profile: ${label} (median of ${RUNS})`,
          value: restore,
          unit: 'ms',
          baseline: { value: copy, label: 'copy keyflow.db' },
          ratio: `${(restore / copy).toFixed(1)}× copy`,
          target: { text: '< 3 s', met: restore < 3000 },
        },
      ],
      notes: [`backup file: ${(bytes / 1024 / 1024).toFixed(2)} MiB (scrypt N=2^17, r=8, p=1 once per backup and once per restore: about a third of a second each)`],
    };
  } finally {
    for (const core of [source, ...targets]) await core.close();
    for (const made of dirs) rmSync(made, { recursive: true, force: true });
  }
}
