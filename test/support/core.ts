/** Runs the real core in-process (real SQLite file, real OS keychain) and calls its bridge like a transport would. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startCore, DATABASE_FILE, type CoreOptions, type KeyflowCore } from '../../electron/core/keyflow-core';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import type { KeyStore } from '../../electron/core/keystore/key-store';
import type { CallArgs, CallName, CallResult } from '../../shared/bridge/contract';
import type { BridgeErrorBody, BridgeResponse } from '../../shared/bridge/errors';
import type { Run } from '../../shared/model/run';
import { tempDir } from './host-process';

export interface TestCore {
  core: KeyflowCore;
  userDataDir: string;
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>>;
  fail(name: CallName, args: unknown): Promise<BridgeErrorBody>;
  /** Opens the same database file read-only, beside the running core. */
  peek<T>(sql: string, ...params: unknown[]): T[];
}

export async function openCore(
  options: { userDataDir?: string; keychain?: KeyStore; sourceTimeoutMs?: number; now?: () => number } & Pick<CoreOptions, 'clock' | 'setTimer' | 'backupEncryption'> = {},
): Promise<TestCore> {
  const userDataDir = options.userDataDir ?? tempDir('core');
  const core = await startCore({
    userDataDir,
    keyStores: { keychain: options.keychain ?? new KeytarKeyStore() },
    host: 'browser',
    tripwire: true,
    sourceTimeoutMs: options.sourceTimeoutMs,
    now: options.now,
    clock: options.clock,
    setTimer: options.setTimer,
    backupEncryption: options.backupEncryption,
  });
  return {
    core,
    userDataDir,
    async call(name, args) {
      const response = (await core.dispatch(name, args)) as BridgeResponse<never>;
      if (!response.ok) throw Object.assign(new Error(`${name}: ${response.error.message}`), response.error);
      return response.result;
    },
    async fail(name, args) {
      const response = await core.dispatch(name, args);
      if (response.ok) throw new Error(`${name} was expected to fail but succeeded`);
      return response.error;
    },
    peek(sql, ...params) {
      const db = new Database(join(userDataDir, DATABASE_FILE), { readonly: true });
      try {
        return db.prepare(sql).all(...params) as never;
      } finally {
        db.close();
      }
    },
  };
}

/** The run once it has ended (ok, failed or cancelled), asked for every 20 ms. */
export async function finishedRun(core: Pick<TestCore, 'call'>, runId: string): Promise<Run> {
  for (;;) {
    const run = await core.call('runs.get', { id: runId });
    if (run.status !== 'running' && run.status !== 'pending') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
