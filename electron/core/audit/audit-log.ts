/**
 * The audit trail of a workspace: who created, renamed, re-valued, re-permissioned,
 * deleted or used (by which run) each secret, and when — never a value.
 * Each author's entries form a hash chain signed with their device key, so an entry
 * can't be forged, edited, dropped from the middle or reordered without detection.
 */
import type { AuditAction, AuditEntry } from '../../../shared/model/team';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import { verifySignature, type DeviceKeys } from '../crypto/device-keys';
import { newId } from '../ids';
import { auditHash, auditRecordSchema, auditText, signAudit, type AuditRecord } from './audit-entry';

export interface AuditFilter {
  secretId?: string;
  actorId?: string;
  action?: AuditAction;
}

export interface AuditLogOptions {
  workspaceId: string;
  keys: () => DeviceKeys;
  /** The display name of a member, past or present. */
  nameOf: (memberId: string) => string;
  /** The chain links the author has seen (team workspaces): where a new entry's right is judged. */
  context?: () => string[];
  now?: () => Date;
  /** Told after an entry is appended (a team workspace writes it to the shared file). */
  onAppended?: () => void;
}

export interface StoredAuditEntry {
  hash: string;
  entry: AuditRecord;
}

export class AuditLog {
  private readonly prepare: Prepare;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: AuditLogOptions,
  ) {
    this.prepare = statementCache(db);
    this.now = options.now ?? (() => new Date());
  }

  record(action: AuditAction, secret: { id: string; name: string }, detail = '', runId: string | null = null): void {
    const keys = this.options.keys();
    const last = this.lastOf(keys.memberId);
    const entry = signAudit(this.options.workspaceId, keys, {
      id: newId('aud'),
      author: keys.memberId,
      seq: (last?.seq ?? 0) + 1,
      prev: last?.hash ?? '',
      at: this.now().toISOString(),
      action,
      secretId: secret.id,
      secretName: secret.name,
      runId,
      detail,
      context: this.options.context?.(),
    });
    this.insert(entry, true);
    this.options.onAppended?.();
  }

  list(filter: AuditFilter = {}): AuditEntry[] {
    const rows = this.prepare<[string], { record: string }>('SELECT record FROM audit_entries WHERE workspace_id = ? AND counts = 1 ORDER BY at DESC, seq DESC, hash').all(
      this.options.workspaceId,
    );
    const entries: AuditEntry[] = [];
    for (const { record } of rows) {
      const entry = JSON.parse(record) as AuditRecord;
      if (filter.secretId && entry.secretId !== filter.secretId) continue;
      if (filter.actorId && entry.author !== filter.actorId) continue;
      if (filter.action && entry.action !== filter.action) continue;
      entries.push({
        id: entry.id,
        at: entry.at,
        actorId: entry.author,
        actorName: this.options.nameOf(entry.author),
        action: entry.action,
        secretId: entry.secretId,
        secretName: entry.secretName,
        runId: entry.runId,
        detail: entry.detail,
      });
    }
    return entries;
  }

  /** Every entry held here, counted or not (the team workspace decides which count). */
  all(): StoredAuditEntry[] {
    return this.prepare<[string], { hash: string; record: string }>('SELECT hash, record FROM audit_entries WHERE workspace_id = ?')
      .all(this.options.workspaceId)
      .map((row) => ({ hash: row.hash, entry: JSON.parse(row.record) as AuditRecord }));
  }

  /** The entries that count, as the workspace file carries them. */
  counted(): StoredAuditEntry[] {
    return this.prepare<[string], { hash: string; record: string }>('SELECT hash, record FROM audit_entries WHERE workspace_id = ? AND counts = 1')
      .all(this.options.workspaceId)
      .map((row) => ({ hash: row.hash, entry: JSON.parse(row.record) as AuditRecord }));
  }

  /** Marks which entries count (the rest are kept: a later change of the chain may count them). */
  setCounted(counted: ReadonlySet<string>): void {
    const update = this.prepare('UPDATE audit_entries SET counts = ? WHERE workspace_id = ? AND hash = ? AND counts != ?');
    this.db.transaction(() => {
      for (const { hash } of this.all()) {
        const value = counted.has(hash) ? 1 : 0;
        update.run(value, this.options.workspaceId, hash, value);
      }
    })();
  }

  /**
   * Keeps the entries from the file that are well formed and signed by the person they
   * name (`signingKeyOf` knows everyone who was ever a member); returns how many were
   * refused. Whether a kept entry counts is decided by the chain, not here.
   */
  ingest(incoming: readonly AuditRecord[], signingKeyOf: (memberId: string) => string | undefined): number {
    const known = new Set(
      this.prepare<[string], { hash: string }>('SELECT hash FROM audit_entries WHERE workspace_id = ?').pluck().all(this.options.workspaceId) as unknown as string[],
    );
    let refused = 0;
    this.db.transaction(() => {
      for (const entry of incoming) {
        const hash = auditHash(entry);
        if (known.has(hash)) continue;
        const key = signingKeyOf(entry.author);
        if (!key || !auditRecordSchema.safeParse(entry).success || !verifySignature(key, auditText(this.options.workspaceId, entry), entry.sig)) {
          refused++;
          continue;
        }
        this.insert(entry, false);
        known.add(hash);
      }
    })();
    return refused;
  }

  /** The author's latest entry: its sequence number and its hash (stored as auditHash of the record when it was kept). */
  private lastOf(author: string): { seq: number; hash: string } | undefined {
    return this.prepare<[string, string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_entries WHERE workspace_id = ? AND author = ? ORDER BY seq DESC, hash LIMIT 1',
    ).get(this.options.workspaceId, author);
  }

  private insert(entry: AuditRecord, counts: boolean): void {
    this.prepare('INSERT OR IGNORE INTO audit_entries (workspace_id, id, hash, author, seq, at, action, secret_id, record, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      this.options.workspaceId,
      entry.id,
      auditHash(entry),
      entry.author,
      entry.seq,
      entry.at,
      entry.action,
      entry.secretId,
      JSON.stringify(entry),
      counts ? 1 : 0,
    );
  }
}
