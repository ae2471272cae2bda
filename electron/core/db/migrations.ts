/**
 * Schema migrations, applied in order; index i moves the schema from version i to i+1.
 * Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
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
];
