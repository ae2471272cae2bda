/**
 * Schema migrations, applied in order; index i moves the schema from version i to i+1.
 * Never edit a migration that has shipped: add a new one. A migration is SQL, or a
 * function for steps SQL can't do (hashing); either runs in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Db } from './database';
import { canonicalJson } from '../crypto/canonical-json';

export type Migration = string | ((db: Db) => void);

export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('personal', 'team')),
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE secrets (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL DEFAULT 'generic',
    value_version INTEGER NOT NULL CHECK (value_version >= 1),
    sealed_value  BLOB NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    last_used_at  TEXT,
    UNIQUE (workspace_id, name_key)
  ) STRICT;

  -- Which workflow step fields reference which secret: "used by" and the delete warning read it.
  CREATE TABLE secret_references (
    secret_id   TEXT NOT NULL,
    workflow_id TEXT NOT NULL,
    step_id     TEXT NOT NULL,
    field       TEXT NOT NULL,
    PRIMARY KEY (secret_id, workflow_id, step_id, field)
  ) STRICT;
  CREATE INDEX secret_references_by_workflow ON secret_references (workflow_id);
  `,
  `
  CREATE TABLE workflows (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    definition   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
  ) STRICT;

  -- Step results are stored already redacted: no secret value ever reaches this table.
  CREATE TABLE runs (
    id          TEXT PRIMARY KEY,
    workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'running', 'ok', 'failed', 'cancelled')),
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    steps       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at);

  ALTER TABLE secrets ADD COLUMN allowed_domains TEXT NOT NULL DEFAULT '[]';

  -- The reference index now follows its workflow: deleting a workflow drops its references.
  CREATE TABLE secret_references_v2 (
    secret_id   TEXT NOT NULL,
    workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
    step_id     TEXT NOT NULL,
    field       TEXT NOT NULL,
    PRIMARY KEY (secret_id, workflow_id, step_id, field)
  ) STRICT;
  INSERT INTO secret_references_v2 SELECT r.* FROM secret_references r JOIN workflows w ON w.id = r.workflow_id;
  DROP TABLE secret_references;
  ALTER TABLE secret_references_v2 RENAME TO secret_references;
  CREATE INDEX secret_references_by_workflow ON secret_references (workflow_id);
  `,
  `
  -- Team workspaces: the shared file, the verified membership chain, and the newest
  -- chain head seen in the file (an older file is refused: no rollback).
  ALTER TABLE workspaces ADD COLUMN file_path TEXT;
  ALTER TABLE workspaces ADD COLUMN chain TEXT;
  ALTER TABLE workspaces ADD COLUMN published_seq INTEGER;
  ALTER TABLE workspaces ADD COLUMN published_hash TEXT;
  ALTER TABLE workspaces ADD COLUMN sync_status TEXT;

  ALTER TABLE secrets ADD COLUMN access TEXT NOT NULL DEFAULT '{"kind":"team"}';
  ALTER TABLE secrets ADD COLUMN visibility TEXT NOT NULL DEFAULT 'hidden' CHECK (visibility IN ('masked', 'hidden'));
  ALTER TABLE secrets ADD COLUMN hint TEXT;
  ALTER TABLE secrets ADD COLUMN created_by_id TEXT NOT NULL DEFAULT '';

  -- The accepted signed version of every record of a team workspace (tombstones included):
  -- what is written to the file, and the base the next merge compares against.
  CREATE TABLE team_records (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('secret', 'workflow')),
    clock        TEXT NOT NULL,
    author       TEXT NOT NULL,
    hash         TEXT NOT NULL,
    -- '' while a local change waits to be signed into a commit and written.
    commit_id    TEXT NOT NULL,
    record       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, id)
  ) STRICT;

  -- Accepted commits: one signature over the records a member wrote at once.
  CREATE TABLE team_commits (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    commit_json  TEXT NOT NULL,
    PRIMARY KEY (workspace_id, id)
  ) STRICT;

  -- Versions that lost a merge (or were replaced): nothing committed is dropped silently.
  CREATE TABLE team_record_history (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    clock         TEXT NOT NULL,
    record        TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    PRIMARY KEY (workspace_id, id, clock)
  ) STRICT;

  -- Who did what to which secret, and which run used it; never a value. Each author's
  -- entries form a signed hash chain.
  CREATE TABLE audit_entries (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    author       TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    secret_id    TEXT NOT NULL,
    record       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, author, seq)
  ) STRICT;
  CREATE INDEX audit_by_time ON audit_entries (workspace_id, at);
  `,
  keyedByWorkspace,
  `
  -- Run history says where a run was started (the app or the command line) and where it
  -- stopped, without reading every run's steps. Runs from before know neither trigger
  -- (they came from the app or the command line alike: 'app') nor, until now, a failed step.
  ALTER TABLE runs ADD COLUMN trigger TEXT NOT NULL DEFAULT 'app' CHECK (trigger IN ('app', 'cli'));
  ALTER TABLE runs ADD COLUMN failed_step_index INTEGER;
  ALTER TABLE runs ADD COLUMN failed_step_name TEXT;
  UPDATE runs SET
    failed_step_index = (SELECT CAST(s.key AS INTEGER) FROM json_each(runs.steps) s WHERE json_extract(s.value, '$.status') = 'failed' ORDER BY CAST(s.key AS INTEGER) LIMIT 1),
    failed_step_name  = (SELECT json_extract(s.value, '$.stepName') FROM json_each(runs.steps) s WHERE json_extract(s.value, '$.status') = 'failed' ORDER BY CAST(s.key AS INTEGER) LIMIT 1)
  WHERE status = 'failed';
  `,
  `
  -- Whether Run Code variables may hold a key's value (off by default; Send API Request
  -- fields always may).
  ALTER TABLE secrets ADD COLUMN readable_by_code INTEGER NOT NULL DEFAULT 0 CHECK (readable_by_code IN (0, 1));

  -- Values a key held before it was re-valued or deleted, sealed under this machine's
  -- master key: runs keep masking them (an old token may still be valid at its source).
  CREATE TABLE retired_values (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    secret_id    TEXT NOT NULL,
    version      INTEGER NOT NULL,
    name         TEXT NOT NULL,
    retired_at   TEXT NOT NULL,
    sealed_value BLOB NOT NULL,
    PRIMARY KEY (workspace_id, secret_id, version)
  ) STRICT;
  `,
  environments,
  `
  -- Value versions: who set each value and when; retired values keep it, with their hint,
  -- and whether they are still offered for Roll back (pruned ones stay, masked).
  ALTER TABLE secret_values ADD COLUMN set_by TEXT;
  ALTER TABLE secret_values ADD COLUMN set_at TEXT;
  UPDATE secret_values SET
    set_by = (SELECT s.updated_by FROM secrets s WHERE s.workspace_id = secret_values.workspace_id AND s.id = secret_values.secret_id),
    set_at = (SELECT s.updated_at FROM secrets s WHERE s.workspace_id = secret_values.workspace_id AND s.id = secret_values.secret_id);
  ALTER TABLE retired_values ADD COLUMN set_by TEXT;
  ALTER TABLE retired_values ADD COLUMN set_at TEXT;
  ALTER TABLE retired_values ADD COLUMN hint TEXT;
  ALTER TABLE retired_values ADD COLUMN listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1));

  -- Rotation reminders.
  ALTER TABLE secrets ADD COLUMN expires_at TEXT;
  ALTER TABLE secrets ADD COLUMN rotation_days INTEGER;

  -- Recently deleted keys (personal workspaces): the key's row and its values as they were
  -- (still sealed), restorable under the same id until purged.
  CREATE TABLE deleted_secrets (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    deleted_at   TEXT NOT NULL,
    deleted_by   TEXT NOT NULL,
    secret       TEXT NOT NULL,
    vals         TEXT NOT NULL,
    PRIMARY KEY (workspace_id, id)
  ) STRICT;

  -- Each workspace's rules for values, on this machine.
  CREATE TABLE key_policies (
    workspace_id  TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    versions_kept INTEGER NOT NULL CHECK (versions_kept BETWEEN 1 AND 100),
    refuse_expired INTEGER NOT NULL CHECK (refuse_expired IN (0, 1))
  ) STRICT;
  `,
];

/**
 * 7: environments. A key holds one value per environment — stored (sealed) or linked to an
 * external source (its reference only) — in `secret_values`; every value from before moves to
 * the Default environment every workspace now starts with. Plain variables hold one text per
 * environment. A run records its environment; each workflow remembers the one last chosen.
 * Team workspaces keep versions of a third kind of record, variables.
 */
function environments(db: Db): void {
  db.exec(`
  CREATE TABLE environments (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    protected    INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),
    -- Who may run in it besides Owners and Admins: [{ kind: 'member' | 'group', id }].
    run_grants   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, name_key)
  ) STRICT;
  INSERT INTO environments (workspace_id, id, name, name_key, position) SELECT id, 'default', 'Default', 'default', 0 FROM workspaces;

  CREATE TABLE secret_values (
    workspace_id   TEXT NOT NULL,
    secret_id      TEXT NOT NULL,
    environment_id TEXT NOT NULL,
    value_version  INTEGER NOT NULL CHECK (value_version >= 1),
    -- Exactly one of: the sealed value, or the reference to the external source it is read from.
    sealed_value   BLOB,
    source         TEXT,
    hint           TEXT,
    CHECK ((sealed_value IS NULL) <> (source IS NULL)),
    PRIMARY KEY (workspace_id, secret_id, environment_id),
    FOREIGN KEY (workspace_id, secret_id) REFERENCES secrets(workspace_id, id) ON DELETE CASCADE
  ) STRICT;
  INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value, hint)
    SELECT workspace_id, id, 'default', value_version, sealed_value, hint FROM secrets;
  ALTER TABLE secrets DROP COLUMN sealed_value;
  ALTER TABLE secrets DROP COLUMN value_version;
  ALTER TABLE secrets DROP COLUMN hint;

  CREATE TABLE variables (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    -- Its text in each environment: { <environment id>: text }.
    vals         TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    replica_of   TEXT,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, name_key)
  ) STRICT;

  -- The environment each workflow last ran in (or was set to), per person: this machine only.
  CREATE TABLE run_preferences (
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    workflow_id    TEXT NOT NULL,
    environment_id TEXT NOT NULL,
    PRIMARY KEY (workspace_id, workflow_id)
  ) STRICT;
  -- A retired value is a key's value in one environment at one version.
  CREATE TABLE retired_values_v7 (
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    secret_id      TEXT NOT NULL,
    environment_id TEXT NOT NULL,
    version        INTEGER NOT NULL,
    name           TEXT NOT NULL,
    retired_at     TEXT NOT NULL,
    sealed_value   BLOB NOT NULL,
    PRIMARY KEY (workspace_id, secret_id, environment_id, version)
  ) STRICT;
  INSERT INTO retired_values_v7 SELECT workspace_id, secret_id, 'default', version, name, retired_at, sealed_value FROM retired_values;
  DROP TABLE retired_values;
  ALTER TABLE retired_values_v7 RENAME TO retired_values;

  -- { id, name } of the environment a run ran in (runs from before ran with the only values there were).
  ALTER TABLE runs ADD COLUMN environment TEXT;

  DROP VIEW team_record_history;
  CREATE TABLE team_versions_v6 (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    hash         TEXT NOT NULL,
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('secret', 'workflow', 'variable')),
    clock        TEXT NOT NULL,
    author       TEXT NOT NULL,
    commit_id    TEXT NOT NULL,
    record       TEXT NOT NULL,
    context      TEXT,
    PRIMARY KEY (workspace_id, hash)
  ) STRICT;
  INSERT INTO team_versions_v6 SELECT workspace_id, hash, id, kind, clock, author, commit_id, record, context FROM team_versions;
  DROP TABLE team_versions;
  ALTER TABLE team_versions_v6 RENAME TO team_versions;
  CREATE INDEX team_versions_by_record ON team_versions (workspace_id, id);
  CREATE VIEW team_record_history AS
    SELECT v.workspace_id, v.id, v.clock, v.record FROM team_versions v
    WHERE EXISTS (SELECT 1 FROM team_versions n WHERE n.workspace_id = v.workspace_id AND n.id = v.id AND n.clock > v.clock);
  `);
}

/**
 * 4: every row is keyed by its workspace and id, so nothing in one workspace's file can
 * change another workspace; a team workspace keeps every version of its records it holds
 * (the file's, and those that lost a merge) and its membership chain as a graph of links.
 */
function keyedByWorkspace(db: Db): void {
  db.exec(`
  CREATE TABLE secrets_v4 (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL DEFAULT 'generic',
    value_version INTEGER NOT NULL CHECK (value_version >= 1),
    sealed_value  BLOB NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    last_used_at  TEXT,
    allowed_domains TEXT NOT NULL DEFAULT '[]',
    access        TEXT NOT NULL DEFAULT '{"kind":"team"}',
    visibility    TEXT NOT NULL DEFAULT 'hidden' CHECK (visibility IN ('masked', 'hidden')),
    hint          TEXT,
    created_by_id TEXT NOT NULL DEFAULT '',
    -- Team workspaces: what this row was projected from (a change there rewrites it).
    replica_of    TEXT,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, name_key)
  ) STRICT;
  INSERT INTO secrets_v4 (workspace_id, id, name, name_key, description, type, value_version, sealed_value, created_by, created_at, updated_by,
      updated_at, last_used_at, allowed_domains, access, visibility, hint, created_by_id)
    SELECT workspace_id, id, name, name_key, description, type, value_version, sealed_value, created_by, created_at, updated_by,
      updated_at, last_used_at, allowed_domains, access, visibility, hint, created_by_id FROM secrets;
  DROP TABLE secrets;
  ALTER TABLE secrets_v4 RENAME TO secrets;

  CREATE TABLE workflows_v4 (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    definition   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    replica_of   TEXT,
    PRIMARY KEY (workspace_id, id)
  ) STRICT;
  INSERT INTO workflows_v4 (workspace_id, id, name, definition, created_at, updated_at) SELECT workspace_id, id, name, definition, created_at, updated_at FROM workflows;

  CREATE TABLE runs_v4 (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    workflow_id  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'running', 'ok', 'failed', 'cancelled')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    steps        TEXT NOT NULL,
    FOREIGN KEY (workspace_id, workflow_id) REFERENCES workflows(workspace_id, id) ON DELETE CASCADE
  ) STRICT;
  INSERT INTO runs_v4 SELECT r.id, w.workspace_id, r.workflow_id, r.status, r.started_at, r.finished_at, r.steps FROM runs r JOIN workflows w ON w.id = r.workflow_id;

  CREATE TABLE secret_references_v4 (
    workspace_id TEXT NOT NULL,
    secret_id    TEXT NOT NULL,
    workflow_id  TEXT NOT NULL,
    step_id      TEXT NOT NULL,
    field        TEXT NOT NULL,
    PRIMARY KEY (workspace_id, secret_id, workflow_id, step_id, field),
    FOREIGN KEY (workspace_id, workflow_id) REFERENCES workflows(workspace_id, id) ON DELETE CASCADE
  ) STRICT;
  INSERT INTO secret_references_v4 SELECT w.workspace_id, r.secret_id, r.workflow_id, r.step_id, r.field FROM secret_references r JOIN workflows w ON w.id = r.workflow_id;

  DROP TABLE runs;
  DROP TABLE secret_references;
  DROP TABLE workflows;
  ALTER TABLE workflows_v4 RENAME TO workflows;
  ALTER TABLE runs_v4 RENAME TO runs;
  ALTER TABLE secret_references_v4 RENAME TO secret_references;
  CREATE INDEX runs_by_workflow ON runs (workspace_id, workflow_id, started_at);
  CREATE INDEX secret_references_by_workflow ON secret_references (workspace_id, workflow_id);

  -- The membership chain: every link held here, valid or not (the resolver decides each time).
  CREATE TABLE team_links (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    link         TEXT NOT NULL,
    PRIMARY KEY (workspace_id, id)
  ) STRICT;

  -- Every version of every record held here: from the file, made here ('' commit until
  -- signed), or one that lost a merge. Which version counts is decided on every sync.
  CREATE TABLE team_versions (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    hash         TEXT NOT NULL,
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('secret', 'workflow')),
    clock        TEXT NOT NULL,
    author       TEXT NOT NULL,
    commit_id    TEXT NOT NULL,
    record       TEXT NOT NULL,
    -- While unsigned: the chain links it was made on (JSON), which its commit will name.
    context      TEXT,
    PRIMARY KEY (workspace_id, hash)
  ) STRICT;
  CREATE INDEX team_versions_by_record ON team_versions (workspace_id, id);

  INSERT INTO team_versions (workspace_id, hash, id, kind, clock, author, commit_id, record) SELECT workspace_id, hash, id, kind, clock, author, commit_id, record FROM team_records;

  ALTER TABLE workspaces ADD COLUMN genesis_id TEXT;
  -- This person's role as the chain last said (the switcher lists it without resolving the chain).
  ALTER TABLE workspaces ADD COLUMN my_role TEXT;
  -- What this machine knows of its file: the hash of the content last read, the links it
  -- had (an older file lacks some), a refusal to keep reporting until the file changes.
  ALTER TABLE workspaces ADD COLUMN file_state TEXT;

  CREATE TABLE audit_entries_v4 (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    hash         TEXT NOT NULL,
    author       TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    secret_id    TEXT NOT NULL,
    record       TEXT NOT NULL,
    -- 0 while the chain says the entry doesn't count (yet): kept, neither listed nor written.
    counts       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (workspace_id, hash)
  ) STRICT;
  CREATE INDEX audit_by_author ON audit_entries_v4 (workspace_id, author, seq);
  `);
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  // The chain, one row per link (format 1 links are named by the hash of the whole link).
  const workspaces = db.prepare<[], { id: string; chain: string | null }>("SELECT id, chain FROM workspaces WHERE kind = 'team'").all();
  const insertLink = db.prepare('INSERT OR IGNORE INTO team_links (workspace_id, id, link) VALUES (?, ?, ?)');
  for (const { id, chain } of workspaces) {
    const links = JSON.parse(chain ?? '[]') as unknown[];
    for (const link of links) insertLink.run(id, sha256(canonicalJson(link)), JSON.stringify(link));
    if (links[0]) db.prepare('UPDATE workspaces SET genesis_id = ? WHERE id = ?').run(sha256(canonicalJson(links[0])), id);
  }
  // Versions that lost a merge, with the commit that signed them.
  const commitOf = new Map<string, string>();
  for (const row of db.prepare<[], { workspace_id: string; id: string; commit_json: string }>('SELECT workspace_id, id, commit_json FROM team_commits').all()) {
    for (const hash of (JSON.parse(row.commit_json) as { records: string[] }).records) commitOf.set(`${row.workspace_id}|${hash}`, row.id);
  }
  const insertVersion = db.prepare('INSERT OR IGNORE INTO team_versions (workspace_id, hash, id, kind, clock, author, commit_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of db.prepare<[], { workspace_id: string; record: string }>('SELECT workspace_id, record FROM team_record_history').all()) {
    const hash = createHash('sha256').update(`keyflow/record/v1|${row.workspace_id}|`).update(row.record).digest('base64url');
    const commit = commitOf.get(`${row.workspace_id}|${hash}`);
    if (!commit) continue; // never signed: nothing could count it
    const record = JSON.parse(row.record) as { id: string; kind: string; clock: string; author: string };
    insertVersion.run(row.workspace_id, hash, record.id, record.kind, record.clock, record.author, commit, row.record);
  }
  const insertEntry = db.prepare('INSERT OR IGNORE INTO audit_entries_v4 (workspace_id, id, hash, author, seq, at, action, secret_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of db
    .prepare<[], { workspace_id: string; id: string; author: string; seq: number; at: string; action: string; secret_id: string; record: string }>('SELECT * FROM audit_entries')
    .all()) {
    insertEntry.run(row.workspace_id, row.id, sha256(canonicalJson(JSON.parse(row.record))), row.author, row.seq, row.at, row.action, row.secret_id, row.record);
  }
  db.exec(`
  DROP TABLE audit_entries;
  ALTER TABLE audit_entries_v4 RENAME TO audit_entries;
  CREATE INDEX audit_by_time ON audit_entries (workspace_id, at);
  DROP TABLE team_records;
  DROP TABLE team_record_history;
  -- Versions a later one replaced (or that lost a merge), kept: nothing committed is dropped silently.
  CREATE VIEW team_record_history AS
    SELECT v.workspace_id, v.id, v.clock, v.record FROM team_versions v
    WHERE EXISTS (SELECT 1 FROM team_versions n WHERE n.workspace_id = v.workspace_id AND n.id = v.id AND n.clock > v.clock);
  ALTER TABLE workspaces DROP COLUMN chain;
  ALTER TABLE workspaces DROP COLUMN published_seq;
  ALTER TABLE workspaces DROP COLUMN published_hash;
  `);
}
