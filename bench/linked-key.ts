/**
 * 7. A Send API Request step whose key is linked to a KeePassXC database, against the same
 * step with a stored key: the overhead of the lookup (read the .kdbx, check it is the file
 * already open, find the entry) that a linked key adds to every run. The database is KDBX 4
 * with Argon2id, as KeePassXC's app makes by default, unlocked once (as a launch does); both
 * workflows call the same node:http server on 127.0.0.1. Medians of alternating runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as kdbxNamespace from 'kdbxweb';
import type { KeyflowCore } from '../electron/core/keyflow-core';
import '../electron/core/sources/keepass-source';
import type { BridgeResponse } from '../shared/bridge/errors';
import type { CallArgs, CallName } from '../shared/bridge/contract';
import type { SecretMeta } from '../shared/model/secret';
import type { Workflow } from '../shared/model/workflow';
import { secretValue } from './create-secrets';
import { median, sampleAsync, type Row } from './measure';

const RUNS = 60;
const kdbxweb = ('Kdbx' in kdbxNamespace ? kdbxNamespace : (kdbxNamespace as unknown as { default: typeof kdbxNamespace }).default) as typeof kdbxNamespace;

async function call<N extends CallName>(core: KeyflowCore, name: N, args: CallArgs<N>): Promise<unknown> {
  const response = (await core.dispatch(name, args)) as BridgeResponse<unknown>;
  if (!response.ok) throw new Error(`${name} failed: ${response.error.code}: ${response.error.message}`);
  return response.result;
}

/** A KDBX 4 / Argon2id database (64 MiB, 2 iterations) holding one entry, and its password. */
async function database(folder: string, value: string): Promise<{ path: string; password: string; entries: number }> {
  const password = 'bench database passphrase';
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(password)), 'Bench');
  db.setVersion(4);
  db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
  db.header.kdfParameters!.set('M', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(64 * 1024 * 1024));
  db.header.kdfParameters!.set('I', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(2));
  const group = db.createGroup(db.getDefaultGroup(), 'Payments');
  // A few hundred entries, as a team's database has.
  for (let i = 0; i < 300; i++) {
    const entry = db.createEntry(group);
    entry.fields.set('Title', i === 150 ? 'Stripe' : `Service ${i}`);
    entry.fields.set('Password', kdbxweb.ProtectedValue.fromString(i === 150 ? value : secretValue()));
  }
  const path = join(folder, 'Bench.kdbx');
  writeFileSync(path, Buffer.from(await db.save()));
  return { path, password, entries: 300 };
}

export async function benchLinkedKey(core: KeyflowCore): Promise<{ rows: Row[]; notes: string[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'keyflow-bench-kdbx-'));
  const token = secretValue();
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(request.headers.authorization === `Bearer ${token}` ? 200 : 401, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/charge`;
  try {
    const db = await database(folder, token);
    const unlockStarted = process.hrtime.bigint();
    await call(core, 'sources.unlockKeePass', { database: db.path, password: db.password });
    const unlockMs = Number(process.hrtime.bigint() - unlockStarted) / 1e6;
    const stored = (await call(core, 'secrets.create', { name: 'Bench stored token', value: token })) as SecretMeta;
    const linked = (await call(core, 'secrets.create', {
      name: 'Bench linked token',
      source: { provider: 'keepass', database: db.path, entry: 'Payments/Stripe', field: 'Password' },
    })) as SecretMeta;
    const workflowFor = async (secret: SecretMeta) => {
      const workflow = (await call(core, 'workflows.create', { name: `Bench: ${secret.name}` })) as Workflow;
      const step = {
        id: 'charge',
        name: 'Charge',
        action: 'http.request' as const,
        config: {
          method: 'GET' as const,
          url: [{ kind: 'text' as const, text: url }],
          query: [],
          headers: [],
          body: { kind: 'none' as const },
          auth: { kind: 'bearer' as const, token: [{ kind: 'secret' as const, secretId: secret.id }] },
          timeoutMs: 10_000,
        },
      };
      await call(core, 'workflows.save', { id: workflow.id, name: workflow.name, definition: { trigger: { kind: 'manual' }, steps: [step] } });
      return async () => {
        const run = await core.runWorkflow(workflow.id);
        if (run.status !== 'ok' || run.steps[0]!.response?.status !== 200)
          throw new Error(`${secret.name}: the run ended ${run.status}: ${JSON.stringify(run.steps[0]!.error ?? run.steps[0]!.response?.status)}`);
      };
    };
    const runs = { linked: await workflowFor(linked), stored: await workflowFor(stored) };
    const samples = await sampleAsync(runs, { warmup: 10, runs: RUNS });
    const withLink = median(samples.linked);
    const withStored = median(samples.stored);
    return {
      rows: [
        {
          measurement: `Send API Request with a KeePassXC-linked key vs a stored key (median of ${RUNS})`,
          value: withLink,
          unit: 'ms',
          baseline: { value: withStored, label: 'same step, stored key' },
          ratio: `+${(withLink - withStored).toFixed(2)} ms lookup (${(withLink / withStored).toFixed(2)}×)`,
        },
      ],
      notes: [
        `linked key: KDBX 4 / Argon2id (64 MiB, 2 iterations) database of ${db.entries} entries, unlocked once (${unlockMs.toFixed(0)} ms, the key derivation); each run reads and hashes the file and finds the entry in the database already open`,
      ],
    };
  } finally {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    rmSync(folder, { recursive: true, force: true });
  }
}
