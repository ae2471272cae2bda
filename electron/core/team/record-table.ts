/**
 * The local copy of a team workspace's signed state in SQLite: the accepted version of
 * every record (with its exact text and hash), the commits that sign them, and the
 * versions that lost a merge (the history: nothing committed is dropped silently).
 */
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import type { Commit, SignedRecord } from './signed-records';

export interface RecordVersion {
  id: string;
  clock: string;
  hash: string;
  /** '' while a change made here waits to be signed and written. */
  commit: string;
}

export class RecordTable {
  private readonly prepare: Prepare;

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    private readonly now: () => Date,
  ) {
    this.prepare = statementCache(db);
  }

  /** Every accepted version, by hash. */
  versionsByHash(): Map<string, RecordVersion> {
    return new Map(
      this.prepare<[string], RecordVersion>('SELECT id, clock, hash, commit_id AS "commit" FROM team_records WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.hash, row]),
    );
  }

  versionOf(id: string): (RecordVersion & { text: string }) | undefined {
    return this.prepare<[string, string], RecordVersion & { text: string }>(
        'SELECT id, clock, hash, commit_id AS "commit", record AS text FROM team_records WHERE workspace_id = ? AND id = ?',
      )
      .get(this.workspaceId, id);
  }

  put(record: SignedRecord, text: string, hash: string, commit: string): void {
    this.prepare(
        `INSERT INTO team_records (workspace_id, id, kind, clock, author, hash, commit_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, id) DO UPDATE SET kind = excluded.kind, clock = excluded.clock, author = excluded.author,
           hash = excluded.hash, commit_id = excluded.commit_id, record = excluded.record`,
      )
      .run(this.workspaceId, record.id, record.kind, record.clock, record.author, hash, commit, text);
  }

  keepInHistory(record: SignedRecord, text: string): void {
    this.prepare('INSERT OR IGNORE INTO team_record_history (workspace_id, id, clock, record, superseded_at) VALUES (?, ?, ?, ?, ?)')
      .run(this.workspaceId, record.id, record.clock, text, this.now().toISOString());
  }

  authoredBy(memberId: string): SignedRecord[] {
    return this.prepare<[string, string], { record: string }>('SELECT record FROM team_records WHERE workspace_id = ? AND author = ?')
      .all(this.workspaceId, memberId)
      .map((row) => JSON.parse(row.record) as SignedRecord);
  }

  forgetSecrets(): void {
    this.prepare("DELETE FROM team_records WHERE workspace_id = ? AND kind = 'secret'").run(this.workspaceId);
  }

  /** Accepted commits, as their exact JSON, by id. */
  knownCommits(): Map<string, string> {
    return new Map(
      this.prepare<[string], { id: string; commit_json: string }>('SELECT id, commit_json FROM team_commits WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.id, row.commit_json]),
    );
  }

  putCommit(commit: Commit): void {
    this.prepare('INSERT OR IGNORE INTO team_commits (workspace_id, id, commit_json) VALUES (?, ?, ?)').run(this.workspaceId, commit.id, JSON.stringify(commit));
  }

  /** Hashes of the changes made here that no commit signs yet. */
  pendingHashes(): { id: string; hash: string }[] {
    return this.prepare<[string], { id: string; hash: string }>("SELECT id, hash FROM team_records WHERE workspace_id = ? AND commit_id = ''").all(this.workspaceId);
  }

  /** Records the commit that now signs the pending changes `ids`. */
  markCommitted(commit: Commit, ids: readonly string[]): void {
    this.db.transaction(() => {
      this.putCommit(commit);
      const update = this.prepare('UPDATE team_records SET commit_id = ? WHERE workspace_id = ? AND id = ?');
      for (const id of ids) update.run(commit.id, this.workspaceId, id);
    })();
  }

  /** What the workspace file carries: every record's text, and the commits that sign them (as JSON). */
  forFile(): { records: string[]; commits: string[] } {
    return {
      records: this.prepare<[string], { record: string }>('SELECT record FROM team_records WHERE workspace_id = ? ORDER BY id')
        .all(this.workspaceId)
        .map((row) => row.record),
      commits: this.prepare<[string, string], { commit_json: string }>(
          'SELECT commit_json FROM team_commits WHERE workspace_id = ? AND id IN (SELECT DISTINCT commit_id FROM team_records WHERE workspace_id = ?) ORDER BY id',
        )
        .all(this.workspaceId, this.workspaceId)
        .map((row) => row.commit_json),
    };
  }
}
