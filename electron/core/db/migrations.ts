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
];
