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
import { auditHash, auditRecordSchema, auditText, signAudit, type AuditRecord } from '../team/signed-records';

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
  now?: () => Date;
  /** Told after an entry is appended (a team workspace writes it to the shared file). */
  onAppended?: () => void;
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
      prev: last ? auditHash(last) : '',
      at: this.now().toISOString(),
      action,
      secretId: secret.id,
      secretName: secret.name,
      runId,
      detail,
    });
    this.insert(entry);
    this.options.onAppended?.();
  }

  list(filter: AuditFilter = {}): AuditEntry[] {
    const rows = this.prepare<[string], { record: string }>('SELECT record FROM audit_entries WHERE workspace_id = ? ORDER BY at DESC, seq DESC').all(this.options.workspaceId);
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

  count(): number {
    return this.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM audit_entries WHERE workspace_id = ?').get(this.options.workspaceId)!.n;
  }

  /** Every entry, signed, as the workspace file carries them. */
  records(): AuditRecord[] {
    return this.prepare<[string], { record: string }>('SELECT record FROM audit_entries WHERE workspace_id = ? ORDER BY author, seq')
      .all(this.options.workspaceId)
      .map(({ record }) => JSON.parse(record) as AuditRecord);
  }

  /**
   * Adds entries from the workspace file that extend each author's chain here. An entry
   * that doesn't (a gap, a broken link, a bad signature, an unknown author) is refused
   * together with the rest of that author's new entries; returns the reasons.
   */
  merge(incoming: readonly AuditRecord[], signingKeyOf: (memberId: string) => string | undefined): string[] {
    const known = new Set(this.prepare<[string], { id: string }>('SELECT id FROM audit_entries WHERE workspace_id = ?').pluck().all(this.options.workspaceId) as unknown as string[]);
    const byAuthor = new Map<string, AuditRecord[]>();
    for (const entry of incoming) {
      if (known.has(entry.id)) continue;
      const list = byAuthor.get(entry.author) ?? [];
      list.push(entry);
      byAuthor.set(entry.author, list);
    }
    const problems: string[] = [];
    this.db.transaction(() => {
      for (const [author, entries] of byAuthor) {
        const key = signingKeyOf(author);
        if (!key) {
          problems.push(`Audit entries signed by ${author}, who was never a member, were refused.`);
          continue;
        }
        entries.sort((a, b) => a.seq - b.seq);
        let last = this.lastOf(author);
        for (const entry of entries) {
          const valid =
            auditRecordSchema.safeParse(entry).success &&
            entry.seq === (last?.seq ?? 0) + 1 &&
            entry.prev === (last ? auditHash(last) : '') &&
            verifySignature(key, auditText(this.options.workspaceId, entry), entry.sig);
          if (!valid) {
            problems.push(`The audit trail of ${this.options.nameOf(author)} is broken at entry ${entry.seq} (removed, reordered, altered or unsigned); the rest of it was refused.`);
            break;
          }
          this.insert(entry);
          last = entry;
        }
      }
    })();
    return problems;
  }

  private lastOf(author: string): AuditRecord | undefined {
    const row = this.prepare<[string, string], { record: string }>('SELECT record FROM audit_entries WHERE workspace_id = ? AND author = ? ORDER BY seq DESC LIMIT 1')
      .get(this.options.workspaceId, author);
    return row && (JSON.parse(row.record) as AuditRecord);
  }

  private insert(entry: AuditRecord): void {
    this.prepare('INSERT INTO audit_entries (workspace_id, id, author, seq, at, action, secret_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(this.options.workspaceId, entry.id, entry.author, entry.seq, entry.at, entry.action, entry.secretId, JSON.stringify(entry));
  }
}
