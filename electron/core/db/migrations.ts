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
];
