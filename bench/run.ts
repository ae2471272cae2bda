/**
 * The benchmarks, run by `npm run bench` (scripts/bench.mjs starts this inside a
 * private D-Bus session with an unlocked GNOME Keyring). Everything runs in this one process,
 * each figure beside its baseline; the table reports targets but a MISS does not fail the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../electron/core/keyflow-core';
import { KeytarKeyStore } from '../electron/core/keystore/keytar-key-store';
import { KeyStoreUnavailableError, type KeyStore } from '../electron/core/keystore/key-store';
import { benchCreate, secretValue } from './create-secrets';
import { benchList } from './list-bridge';
import { benchFilter } from './filter-store';
import { benchDecrypt } from './decrypt-value';
import { benchWorkflowRequest } from './workflow-request';
import { benchRedaction } from './redaction';
import { benchRunCode } from './run-code';
import { benchTeamWorkspace } from './team-workspace';
import { benchImports } from './imports';
import { benchLinkedKey } from './linked-key';
import { benchEnvironments } from './environments';
import { benchBackup } from './backup';
import { printTable, type Row } from './measure';

const SECRETS = 10_000;

/** Keeps the master key in memory: used only when no OS keychain can be reached. */
class MemoryKeyStore implements KeyStore {
  readonly description = 'an in-memory key store (benchmark fallback)';
  private readonly keys = new Map<string, Buffer>();
  async get(account: string) {
    return this.keys.get(account) ?? null;
  }
  async set(account: string, secret: Buffer) {
    this.keys.set(account, Buffer.from(secret));
  }
  async delete(account: string) {
    this.keys.delete(account);
  }
}

/** Remembers what the vault stored so the benchmark leaves no entry behind in the keychain. */
class ForgetfulKeyStore implements KeyStore {
  private readonly written = new Set<string>();
  constructor(private readonly inner: KeyStore) {}
  get description() {
    return this.inner.description;
  }
  get(account: string) {
    return this.inner.get(account);
  }
  async set(account: string, secret: Buffer) {
    this.written.add(account);
    await this.inner.set(account, secret);
  }
  delete(account: string) {
    return this.inner.delete(account);
  }
  async forget() {
    for (const account of this.written) await this.inner.delete(account);
  }
}

async function chooseKeychain(): Promise<{ store: KeyStore; note: string }> {
  const keytar = new KeytarKeyStore();
  try {
    await keytar.get('keyflow-bench-probe');
    return { store: keytar, note: 'keychain: the OS keychain via keytar (Secret Service)' };
  } catch (error) {
    if (!(error instanceof KeyStoreUnavailableError)) throw error;
    return { store: new MemoryKeyStore(), note: `keychain: in-memory fallback (${error.problem})` };
  }
}

/** The foundation measurements: 10,000 secrets in one vault. */
async function benchFoundation(keychain: KeyStore, rows: Row[], notes: string[]): Promise<void> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'keyflow-bench-'));
  const core = await startCore({ userDataDir, keyStores: { keychain }, host: 'browser', tripwire: false });
  try {
    const status = await core.dispatch('vault.status', {});
    if (!status.ok || (status.result as { state: string }).state !== 'unlocked') {
      throw new Error(`the vault did not unlock: ${JSON.stringify(status)}`);
    }
    log(`creating ${SECRETS.toLocaleString('en')} secrets…`);
    rows.push(...(await benchCreate(core, SECRETS)));
    log('listing over the HTTP bridge…');
    const list = await benchList(core, SECRETS);
    rows.push(...list.rows);
    notes.push(`secrets.list response: ${(list.payloadBytes / 1024 / 1024).toFixed(2)} MiB of JSON for ${SECRETS.toLocaleString('en')} items`);
    log('filtering in the renderer store…');
    rows.push(...benchFilter(list.items));
    log(`giving every key a value in 5 environments, listing and filtering again…`);
    const environments = await benchEnvironments(core, userDataDir, SECRETS);
    rows.push(...environments.rows);
    notes.push(...environments.notes);
    log('decrypting one value…');
    const decrypt = benchDecrypt(secretValue());
    rows.push(...decrypt.rows);
    notes.push(...decrypt.notes);
  } finally {
    await core.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** The workflow measurements: a second vault, whose secret count they control (1, then 1,000). */
async function benchWorkflows(keychain: KeyStore, rows: Row[], notes: string[], requestOnly = false): Promise<void> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'keyflow-bench-workflows-'));
  const core = await startCore({ userDataDir, keyStores: { keychain }, host: 'browser', tripwire: false });
  try {
    log('Send API Request through core.runWorkflow vs undici (1, then 1,000 secrets)…');
    const request = await benchWorkflowRequest(core);
    rows.push(...request.rows);
    notes.push(...request.notes);
    if (requestOnly) return;
    log('a KeePassXC-linked key against a stored one…');
    const linked = await benchLinkedKey(core);
    rows.push(...linked.rows);
    notes.push(...linked.notes);
    log('Run Code cold start…');
    const runCode = await benchRunCode(core, request.secretCount);
    rows.push(...runCode.rows);
    notes.push(...runCode.notes);
  } finally {
    await core.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

function benchRedactionRows(rows: Row[], notes: string[]): void {
  log('redacting 10 MB with 10, 100 and 1,000 secrets…');
  const redaction = benchRedaction();
  rows.push(...redaction.rows);
  notes.push(...redaction.notes);
}

/** Imports and the Security check: a third vault. */
async function benchImportsAndScan(keychain: KeyStore, rows: Row[], notes: string[]): Promise<void> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'keyflow-bench-imports-'));
  const core = await startCore({ userDataDir, keyStores: { keychain }, host: 'browser', tripwire: false });
  try {
    const imports = await benchImports(core, log);
    rows.push(...imports.rows);
    notes.push(...imports.notes);
  } finally {
    await core.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const notes = [`node ${process.version}, ${cpus().length}× ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`];
  const loadAtStart = loadavg()[0]!;
  const { store, note } = await chooseKeychain();
  notes.push(note);
  const keychain = new ForgetfulKeyStore(store);
  const rows: Row[] = [];
  // KEYFLOW_BENCH_ONLY runs the parts it lists alone (comma-separated); the whole set takes minutes.
  const parts = ['list', 'workflow-request', 'redaction', 'backup', 'team', 'imports'];
  const only = new Set(process.env.KEYFLOW_BENCH_ONLY?.split(',').map((part) => part.trim()) ?? []);
  const unknown = [...only].filter((part) => !parts.includes(part));
  if (unknown.length > 0) throw new Error(`KEYFLOW_BENCH_ONLY names no benchmark "${unknown.join('", "')}" (${parts.join(', ')})`);
  const runs = (part: string) => only.size === 0 || only.has(part);
  try {
    if (runs('list')) await benchFoundation(keychain, rows, notes);
    if (only.size === 0) await benchWorkflows(keychain, rows, notes);
    else if (runs('workflow-request')) await benchWorkflows(keychain, rows, notes, true);
    if (runs('redaction')) benchRedactionRows(rows, notes);
    if (runs('backup')) {
      const backup = await benchBackup(keychain);
      rows.push(...backup.rows);
      notes.push(...backup.notes);
    }
    if (runs('team')) {
      const team = await benchTeamWorkspace(keychain, log);
      rows.push(...team.rows);
      notes.push(...team.notes);
    }
    if (runs('imports')) await benchImportsAndScan(keychain, rows, notes);
  } finally {
    await keychain.forget();
  }
  // Other processes on the machine inflate every figure: say how busy it was.
  notes.push(`1-min load average: ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end (${cpus().length} cores)`);
  process.stdout.write('\n');
  printTable(rows);
  process.stdout.write(`\n${notes.map((line) => `· ${line}`).join('\n')}\n`);
  const missed = rows.filter((row) => row.target && !row.target.met).length;
  process.stdout.write(`\n${rows.filter((row) => row.target).length - missed} targets met, ${missed} missed\n`);
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
