/**
 * Databases from every earlier schema version open with their data intact: each version
 * is built with the real migrations up to it, given the rows a user would have had then,
 * and migrated to today's schema.
 */
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../electron/core/db/database';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { tempDir } from '../support/host-process';

const AT = '2026-01-01T00:00:00.000Z';

/** Rows a user of schema `version` would have: a personal workspace, a key, a workflow using it, a run. */
function seed(db: Db, version: number): void {
  if (version < 1) return;
  db.prepare("INSERT INTO workspaces (id, name, kind, created_at) VALUES ('ws_p', 'Personal', 'personal', ?)").run(AT);
  const sealed = Buffer.from('sealed bytes');
  if (version >= 7) {
    // Schema 7 keeps a key's values per environment.
    db.prepare(
      "INSERT INTO secrets (id, workspace_id, name, name_key, description, type, created_by, created_at, updated_by, updated_at) VALUES ('sec_1', 'ws_p', 'Stripe', 'stripe', 'live key', 'generic', 'Ann', ?, 'Ann', ?)",
    ).run(AT, AT);
    db.prepare("INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value) VALUES ('ws_p', 'sec_1', 'default', 3, ?)").run(sealed);
  } else {
    db.prepare(
      `INSERT INTO secrets (id, workspace_id, name, name_key, description, type, value_version, sealed_value, created_by, created_at, updated_by, updated_at)
       VALUES ('sec_1', 'ws_p', 'Stripe', 'stripe', 'live key', 'generic', 3, ?, 'Ann', ?, 'Ann', ?)`,
    ).run(sealed, AT, AT);
  }
  if (version < 2) {
    db.prepare("INSERT INTO secret_references (secret_id, workflow_id, step_id, field) VALUES ('sec_1', 'wf_1', 'step_1', 'Header Authorization')").run();
    return;
  }
  db.prepare(
    'INSERT INTO workflows (id, workspace_id, name, definition, created_at, updated_at) VALUES (\'wf_1\', \'ws_p\', \'Charge\', \'{"trigger":{"kind":"manual"},"steps":[]}\', ?, ?)',
  ).run(AT, AT);
  const workspaceColumn = version >= 4 ? 'workspace_id, ' : '';
  const workspaceValue = version >= 4 ? "'ws_p', " : '';
  db.prepare(
    `INSERT INTO secret_references (${workspaceColumn}secret_id, workflow_id, step_id, field) VALUES (${workspaceValue}'sec_1', 'wf_1', 'step_1', 'Header Authorization')`,
  ).run();
  db.prepare(`INSERT INTO runs (id, ${workspaceColumn}workflow_id, status, started_at, finished_at, steps) VALUES ('run_1', ${workspaceValue}'wf_1', 'ok', ?, ?, '[]')`).run(
    AT,
    AT,
  );
  if (version < 6) return;
  // From schema 7 a retired value is one environment's.
  const environmentColumn = version >= 7 ? 'environment_id, ' : '';
  const environmentValue = version >= 7 ? "'default', " : '';
  db.prepare(
    `INSERT INTO retired_values (workspace_id, secret_id, ${environmentColumn}version, name, retired_at, sealed_value) VALUES ('ws_p', 'sec_1', ${environmentValue}2, 'Stripe', ?, ?)`,
  ).run(AT, Buffer.from('sealed v2'));
}

function expectIntact(db: Db, version: number): void {
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  if (version < 1) return;
  expect(db.prepare('SELECT workspace_id, id, name, description FROM secrets').all()).toEqual([{ workspace_id: 'ws_p', id: 'sec_1', name: 'Stripe', description: 'live key' }]);
  // Every value is the key's value in Default, with who set it and when (the key's last update, before versions recorded it; schema 7).
  expect(db.prepare('SELECT workspace_id, secret_id, environment_id, value_version, sealed_value, set_by, set_at FROM secret_values').all()).toEqual([
    { workspace_id: 'ws_p', secret_id: 'sec_1', environment_id: 'default', value_version: 3, sealed_value: Buffer.from('sealed bytes'), set_by: 'Ann', set_at: AT },
  ]);
  if (version >= 6) {
    expect(db.prepare('SELECT secret_id, environment_id, version, name FROM retired_values').all()).toEqual([
      { secret_id: 'sec_1', environment_id: 'default', version: 2, name: 'Stripe' },
    ]);
  }
  if (version < 2) return; // schema 1 kept references without workflows; schema 2 dropped those with no workflow
  expect(db.prepare('SELECT workspace_id, id, name FROM workflows').all()).toEqual([{ workspace_id: 'ws_p', id: 'wf_1', name: 'Charge' }]);
  expect(db.prepare('SELECT workspace_id, secret_id, workflow_id, field FROM secret_references').all()).toEqual([
    { workspace_id: 'ws_p', secret_id: 'sec_1', workflow_id: 'wf_1', field: 'Header Authorization' },
  ]);
  expect(db.prepare('SELECT workspace_id, id, status FROM runs').all()).toEqual([{ workspace_id: 'ws_p', id: 'run_1', status: 'ok' }]);
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

describe('database migrations', () => {
  for (let version = 0; version < MIGRATIONS.length; version++) {
    it(`migrates a database of schema ${version} to schema ${MIGRATIONS.length} with its data intact`, () => {
      const file = join(tempDir(`schema-${version}`), 'keyflow.db');
      const old = new Database(file);
      migrate(old, MIGRATIONS.slice(0, version));
      seed(old, version);
      old.close();
      const db = openDatabase(file);
      try {
        expectIntact(db, version);
      } finally {
        db.close();
      }
    });
  }

  it('migrates the database Keyflow 0.1 left, team workspace included', () => {
    const file = join(tempDir('schema-0.1'), 'keyflow.db');
    copyFileSync(join(__dirname, '..', 'fixtures', 'format-1', 'ann.db'), file);
    const before = new Database(file, { readonly: true });
    const counts = (db: Db) => ({
      secrets: db.prepare('SELECT COUNT(*) AS n FROM secrets').get(),
      workflows: db.prepare('SELECT COUNT(*) AS n FROM workflows').get(),
      runs: db.prepare('SELECT COUNT(*) AS n FROM runs').get(),
      audit: db.prepare('SELECT COUNT(*) AS n FROM audit_entries').get(),
    });
    const expected = counts(before);
    const chainLength = (JSON.parse((before.prepare("SELECT chain FROM workspaces WHERE kind = 'team'").get() as { chain: string }).chain) as unknown[]).length;
    before.close();
    const db = openDatabase(file);
    try {
      expect(counts(db)).toEqual(expected);
      expect(db.prepare('SELECT COUNT(*) AS n FROM team_links').get()).toEqual({ n: chainLength });
      expect(db.prepare("SELECT genesis_id IS NOT NULL AS pinned FROM workspaces WHERE kind = 'team'").get()).toEqual({ pinned: 1 });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
