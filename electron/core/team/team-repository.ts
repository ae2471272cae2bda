/**
 * This machine's copy of a team workspace's signed state, in SQLite: every chain link,
 * commit, record version and audit entry it holds (valid or not: the resolver decides on
 * every sync), and what it knows of the file.
 */
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import { toChainLink, type ChainLink, type StoredLink } from './chain/chain-link';
import { toCommit, type Commit, type SignedRecord, type StoredCommit } from './records/signed-records';

export interface VersionRow {
  hash: string;
  id: string;
  kind: SignedRecord['kind'];
  clock: string;
  author: string;
  /** '' while a change made here waits to be signed and written. */
  commit: string;
  text: string;
  /** While unsigned: the chain links it was made on. */
  context: string[] | null;
}

/** What this machine knows of its workspace file. */
export interface FileState {
  /** Hash of the file's content as last read or written here. */
  hash: string | null;
  /** The chain heads the file had: a file that lacks one of them is an older copy. */
  heads: string[];
  /** The reason the file with hash `refusedHash` was refused: reported until the file changes. */
  refusedHash: string | null;
  refusal: string | null;
  /** What the file holds (workspace-file.ts `contentKey`): equal keys, equal bytes. */
  content: string | null;
}

export const NO_FILE_STATE: FileState = { hash: null, heads: [], refusedHash: null, refusal: null, content: null };

export class TeamRepository {
  private readonly prepare: Prepare;

  constructor(
    private readonly db: Db,
    readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  // --- The chain ---------------------------------------------------------------------

  /** Every link held here (their ids were computed when they were stored). */
  links(): ChainLink[] {
    return this.prepare<[string], { id: string; link: string }>('SELECT id, link FROM team_links WHERE workspace_id = ?')
      .all(this.workspaceId)
      .map((row) => toChainLink(this.workspaceId, JSON.parse(row.link) as StoredLink, row.id));
  }

  putLink(link: ChainLink): void {
    this.prepare('INSERT OR IGNORE INTO team_links (workspace_id, id, link) VALUES (?, ?, ?)').run(this.workspaceId, link.id, JSON.stringify(link.stored));
  }

  // --- Commits and record versions ---------------------------------------------------

  commits(): Map<string, Commit> {
    return new Map(
      this.prepare<[string], { commit_json: string }>('SELECT commit_json FROM team_commits WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => {
          const commit = toCommit(JSON.parse(row.commit_json) as StoredCommit);
          return [commit.id, commit];
        }),
    );
  }

  putCommit(commit: Commit): void {
    this.prepare('INSERT OR IGNORE INTO team_commits (workspace_id, id, commit_json) VALUES (?, ?, ?)').run(this.workspaceId, commit.id, JSON.stringify(commit.stored));
  }

  versions(): VersionRow[] {
    return this.prepare<[string], Omit<VersionRow, 'context'> & { context: string | null }>(
      'SELECT hash, id, kind, clock, author, commit_id AS "commit", record AS text, context FROM team_versions WHERE workspace_id = ?',
    )
      .all(this.workspaceId)
      .map((row) => ({ ...row, context: row.context === null ? null : (JSON.parse(row.context) as string[]) }));
  }

  putVersion(row: VersionRow): void {
    this.prepare('INSERT OR IGNORE INTO team_versions (workspace_id, hash, id, kind, clock, author, commit_id, record, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      this.workspaceId,
      row.hash,
      row.id,
      row.kind,
      row.clock,
      row.author,
      row.commit,
      row.text,
      row.context && JSON.stringify(row.context),
    );
  }

  /** Records that `commit` now signs the versions made here with these hashes. */
  markCommitted(commit: Commit, hashes: readonly string[]): void {
    this.db.transaction(() => {
      this.putCommit(commit);
      const update = this.prepare("UPDATE team_versions SET commit_id = ?, context = NULL WHERE workspace_id = ? AND hash = ? AND commit_id = ''");
      for (const hash of hashes) update.run(commit.id, this.workspaceId, hash);
    })();
  }

  /** A person removed from the workspace keeps no copy of its secret keys' values. */
  forgetSecretVersions(): void {
    this.prepare("DELETE FROM team_versions WHERE workspace_id = ? AND kind = 'secret'").run(this.workspaceId);
  }

  // --- The workspace row -------------------------------------------------------------

  genesisId(): string {
    return this.prepare<[string], { genesis_id: string }>('SELECT genesis_id FROM workspaces WHERE id = ?').get(this.workspaceId)!.genesis_id;
  }

  fileState(): FileState {
    const row = this.prepare<[string], { file_state: string | null }>('SELECT file_state FROM workspaces WHERE id = ?').get(this.workspaceId);
    return row?.file_state ? { ...NO_FILE_STATE, ...(JSON.parse(row.file_state) as Partial<FileState>) } : NO_FILE_STATE;
  }

  saveFileState(state: FileState): void {
    this.prepare('UPDATE workspaces SET file_state = ? WHERE id = ?').run(JSON.stringify(state), this.workspaceId);
  }

  saveStatus(status: unknown, name: string, myRole: string | null): void {
    this.prepare('UPDATE workspaces SET sync_status = ?, name = ?, my_role = ? WHERE id = ?').run(JSON.stringify(status), name, myRole, this.workspaceId);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
