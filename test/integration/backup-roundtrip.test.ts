/**
 * Property: any workspace — arbitrary keys, values (any Unicode), linked values, environments,
 * variables and workflows — restored into a real database under a real master key (the
 * vault of a real core, its key in gnome-keyring), backed up from there into an encrypted
 * file, opened again and restored elsewhere, holds exactly what it held; and restoring it a
 * second time changes nothing.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { DATABASE_FILE } from '../../electron/core/keyflow-core';
import { backupContentsSchema, collectBackup, type BackupContents } from '../../electron/core/backup/backup-contents';
import { decryptBackup, encryptBackup } from '../../electron/core/backup/backup-file';
import { planRestore, summarize } from '../../electron/core/backup/restore-plan';
import { applyRestore } from '../../electron/core/backup/restore-apply';
import { personalBackupSource } from '../../electron/core/backup/backup-sources';
import { secretNameKey, secretNameProblem, SECRET_TYPES } from '../../shared/model/secret';
import { environmentNameProblem, nameKey, variableNameProblem } from '../../shared/model/environment';
import { openCore, type TestCore } from '../support/core';

let core: TestCore;
let db: Db;
beforeAll(async () => {
  core = await openCore();
  db = openDatabase(join(core.userDataDir, DATABASE_FILE));
});
afterAll(async () => {
  db.close();
  await core.core.close();
});

const at = '2026-03-01T10:00:00.000Z';
const id = (prefix: string) => fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/).map((s) => `${prefix}${s}`);
const uniqueBy = <T>(arb: fc.Arbitrary<T>, key: (t: T) => string, max: number) => fc.uniqueArray(arb, { selector: key, maxLength: max });
const text = (min: number, max: number) => fc.string({ unit: 'grapheme', minLength: min, maxLength: max });

const contentsArb: fc.Arbitrary<BackupContents> = fc
  .record({
    extraEnvironments: uniqueBy(
      fc.record({ id: id('env_'), name: text(1, 20).filter((n) => environmentNameProblem(n) === null && nameKey(n) !== 'default'), protected: fc.boolean() }),
      (e) => e.id,
      3,
    ).map((list) => list.filter((e, i) => list.findIndex((o) => nameKey(o.name) === nameKey(e.name)) === i)),
    secrets: uniqueBy(
      fc.record({
        id: id('sec_'),
        name: text(1, 30).filter((n) => secretNameProblem(n) === null),
        description: text(0, 40),
        type: fc.constantFrom(...SECRET_TYPES),
        readableByRunCode: fc.boolean(),
        visibility: fc.constantFrom('masked' as const, 'hidden' as const),
        values: fc.array(
          fc.oneof(
            text(1, 80).map((value) => ({ value })),
            fc.constant({ source: { provider: 'env' as const, name: 'API_TOKEN', file: null } }),
          ),
          { minLength: 0, maxLength: 4 },
        ),
      }),
      (s) => s.id,
      8,
    ).map((list) => list.filter((s, i) => list.findIndex((o) => secretNameKey(o.name) === secretNameKey(s.name)) === i)),
    variables: uniqueBy(fc.record({ id: id('var_'), name: text(1, 20).filter((n) => variableNameProblem(n) === null), text: text(0, 30) }), (v) => v.id, 3).map((list) =>
      list.filter((v, i) => list.findIndex((o) => nameKey(o.name) === nameKey(v.name)) === i),
    ),
    workflows: uniqueBy(fc.record({ id: id('wf_'), name: text(1, 30) }), (w) => w.id, 3),
  })
  .map(({ extraEnvironments, secrets, variables, workflows }) => {
    const environments = [{ id: 'default', name: 'Default', position: 0, protected: false }, ...extraEnvironments.map((e, i) => ({ ...e, position: i + 1 }))];
    return {
      format: 1 as const,
      createdAt: at,
      appVersion: '0.1.0',
      workspace: { id: 'ws_source', name: 'Personal', kind: 'personal' as const },
      environments,
      secrets: secrets.map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description,
        type: s.type,
        allowedDomains: [],
        readableByRunCode: s.readableByRunCode,
        visibility: s.visibility,
        createdBy: 'Ada',
        createdAt: at,
        updatedBy: 'Ada',
        updatedAt: at,
        lastUsedAt: null,
        // One value per environment, at most.
        values: s.values.slice(0, environments.length).map((v, i) => ({ environmentId: environments[i]!.id, version: i + 1, ...v })),
      })),
      retired: [],
      variables: variables.map((v) => ({ id: v.id, name: v.name, values: { default: v.text }, createdAt: at, updatedAt: at })),
      workflows: workflows.map((w) => ({ id: w.id, name: w.name, definition: { trigger: { kind: 'manual' as const }, steps: [] }, createdAt: at, updatedAt: at })),
      runs: null,
    };
  });

let workspaces = 0;
/** A fresh workspace in the real database, as a personal one starts: its Default environment. */
function freshWorkspace(): string {
  const wsId = `ws_prop_${++workspaces}`;
  db.prepare("INSERT INTO workspaces (id, name, kind, created_at) VALUES (?, 'Personal', 'personal', ?)").run(wsId, at);
  db.prepare("INSERT INTO environments (workspace_id, id, name, name_key, position) VALUES (?, 'default', 'Default', 'default', 0)").run(wsId);
  return wsId;
}

function restoreInto(wsId: string, contents: BackupContents) {
  const vault = core.core.vault;
  const open = (secretId: string, environmentId: string, version: number, sealed: Buffer) => vault.open({ workspaceId: wsId, secretId, version, environmentId }, sealed);
  return db.transaction(() => {
    const plan = planRestore(db, wsId, contents, open);
    applyRestore(db, plan, { seal: vault.seal.bind(vault), me: { id: 'mem_me', name: 'Me' }, now: new Date(at) });
    return plan;
  })();
}

function backUp(wsId: string): BackupContents {
  return collectBackup(db, core.core.vault, personalBackupSource(core.core.vault, { id: wsId, name: 'Personal' }), { includeRuns: false, now: new Date(at) });
}

/** What a workspace holds, in an order that doesn't depend on how it was written. */
function held(contents: BackupContents) {
  return {
    environments: contents.environments.map(({ id, name, protected: p }) => ({ id, name, protected: p })),
    secrets: [...contents.secrets]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((s) => ({ ...s, values: [...s.values].sort((a, b) => a.environmentId.localeCompare(b.environmentId)) })),
    variables: [...contents.variables].sort((a, b) => a.id.localeCompare(b.id)),
    workflows: [...contents.workflows].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('backup round trip (property)', () => {
  it('restores exactly what was backed up, whatever the keys, values and environments, and a second restore changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(contentsArb, async (contents) => {
        const first = freshWorkspace();
        restoreInto(first, contents);
        const backedUp = backUp(first);
        expect(held(backedUp)).toEqual(held(contents));

        const file = await encryptBackup(Buffer.from(JSON.stringify(backedUp)), 'a passphrase of some length', { cost: { N: 2 ** 10, r: 8, p: 1 }, chunkBytes: 1024 });
        const reopened = backupContentsSchema.parse(JSON.parse((await decryptBackup(file, 'a passphrase of some length')).toString('utf8')));
        const second = freshWorkspace();
        restoreInto(second, reopened);
        expect(held(backUp(second))).toEqual(held(contents));

        const again = restoreInto(second, reopened);
        for (const part of [again.secrets, again.environments, again.variables, again.workflows]) expect(summarize(part)).toMatchObject({ added: 0, replaced: 0 });
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
