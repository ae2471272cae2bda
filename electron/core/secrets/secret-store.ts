/**
 * Secrets of one workspace: metadata in SQLite, values sealed by the vault.
 * Values go in (create, updateValue) and never come out through here except via
 * `revealForRun`, which only main-process run code may call.
 */
import {
  secretNameKey,
  secretNameProblem,
  secretValueProblem,
  type SecretMeta,
  type SecretType,
} from '../../../shared/model/secret';
import { BridgeError } from '../../../shared/bridge/errors';
import { domainPatternProblem, MAX_ALLOWED_DOMAINS, normalizeDomainPattern } from '../../../shared/model/domains';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import type { Vault } from '../vault/vault';
import { newId } from '../ids';

/**
 * A metadata row as better-sqlite3 returns it in raw mode: an array in META_COLUMNS order.
 * Raw rows halve the cost of reading a 10,000-row list compared with one object per row.
 */
type SecretRow = [
  id: string,
  workspaceId: string,
  name: string,
  description: string,
  type: SecretType,
  valueVersion: number,
  allowedDomains: string,
  createdBy: string,
  createdAt: string,
  updatedBy: string,
  updatedAt: string,
  lastUsedAt: string | null,
  usedBy: number,
];

const META_COLUMNS = `s.id, s.workspace_id, s.name, s.description, s.type, s.value_version, s.allowed_domains,
  s.created_by, s.created_at, s.updated_by, s.updated_at, s.last_used_at`;
const USED_BY_ONE = `(SELECT COUNT(DISTINCT r.workflow_id) FROM secret_references r WHERE r.secret_id = s.id) AS used_by`;
// For whole lists: one grouped count joined in, rather than a subquery per row.
const FROM_WITH_USED_BY = `secrets s LEFT JOIN
  (SELECT secret_id, COUNT(DISTINCT workflow_id) AS n FROM secret_references GROUP BY secret_id) u ON u.secret_id = s.id`;

function toMeta([id, workspaceId, name, description, type, valueVersion, allowedDomains, createdBy, createdAt, updatedBy, updatedAt, lastUsedAt, usedBy]: SecretRow): SecretMeta {
  return {
    id,
    workspaceId,
    name,
    description,
    type,
    valueVersion,
    allowedDomains: allowedDomains === '[]' ? [] : (JSON.parse(allowedDomains) as string[]),
    createdBy,
    createdAt,
    updatedBy,
    updatedAt,
    lastUsedAt,
    usedBy,
  };
}

function checkDomains(domains: readonly string[]): string[] {
  if (domains.length > MAX_ALLOWED_DOMAINS) throw new BridgeError('invalid_request', `At most ${MAX_ALLOWED_DOMAINS} allowed domains.`, 'allowedDomains');
  for (const domain of domains) {
    const problem = domainPatternProblem(domain);
    if (problem) throw new BridgeError('invalid_request', problem, 'allowedDomains');
  }
  return [...new Set(domains.map(normalizeDomainPattern))];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface SecretStoreOptions {
  workspaceId: string;
  /** Who is acting, recorded as created/updated by. */
  actor: () => string;
  now?: () => Date;
  /** Told of every value that enters the vault (the development tripwire listens). */
  onValue?: (value: string) => void;
  /** Told when the set of values changes: created, re-valued or deleted (the redactor is rebuilt). */
  onValuesChanged?: () => void;
}

export class SecretStore {
  private readonly workspaceId: string;
  private readonly now: () => Date;
  private readonly prepare: Prepare;

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly options: SecretStoreOptions,
  ) {
    this.workspaceId = options.workspaceId;
    this.now = options.now ?? (() => new Date());
    this.prepare = statementCache(db);
  }

  list(query?: string): SecretMeta[] {
    const needle = query?.trim();
    const rows = needle
      ? this.prepare<[string, string, string], SecretRow>(
            `SELECT ${META_COLUMNS}, COALESCE(u.n, 0) AS used_by FROM ${FROM_WITH_USED_BY}
             WHERE s.workspace_id = ? AND (s.name_key LIKE ? ESCAPE '\\' OR lower(s.description) LIKE ? ESCAPE '\\')
             ORDER BY s.name_key`,
          )
          .raw()
          .all(this.workspaceId, `%${escapeLike(secretNameKey(needle))}%`, `%${escapeLike(needle.toLowerCase())}%`)
      : this.prepare<[string], SecretRow>(`SELECT ${META_COLUMNS}, COALESCE(u.n, 0) AS used_by FROM ${FROM_WITH_USED_BY} WHERE s.workspace_id = ? ORDER BY s.name_key`)
          .raw()
          .all(this.workspaceId);
    return rows.map(toMeta);
  }

  get(id: string): SecretMeta {
    const row = this.prepare<[string, string], SecretRow>(`SELECT ${META_COLUMNS}, ${USED_BY_ONE} FROM secrets s WHERE s.workspace_id = ? AND s.id = ?`)
      .raw()
      .get(this.workspaceId, id);
    if (!row) throw new BridgeError('not_found', 'That secret key no longer exists.', 'id');
    return toMeta(row);
  }

  create(input: { name: string; value: string; description?: string; type?: SecretType; allowedDomains?: string[] }): SecretMeta {
    const name = this.checkName(input.name);
    this.checkValue(input.value);
    const allowedDomains = checkDomains(input.allowedDomains ?? []);
    const id = newId('sec');
    const at = this.now().toISOString();
    const actor = this.options.actor();
    const sealed = this.vault.seal({ workspaceId: this.workspaceId, secretId: id, version: 1 }, input.value);
    this.options.onValue?.(input.value);
    this.db.transaction(() => {
      this.assertNameFree(name);
      this.prepare(
          `INSERT INTO secrets (id, workspace_id, name, name_key, description, type, allowed_domains, value_version, sealed_value,
             created_by, created_at, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
        )
        .run(id, this.workspaceId, name, secretNameKey(name), input.description?.trim() ?? '', input.type ?? 'generic', JSON.stringify(allowedDomains), sealed, actor, at, actor, at);
    })();
    this.options.onValuesChanged?.();
    return this.get(id);
  }

  rename(id: string, rawName: string): SecretMeta {
    const name = this.checkName(rawName);
    this.db.transaction(() => {
      this.get(id);
      this.assertNameFree(name, id);
      this.prepare('UPDATE secrets SET name = ?, name_key = ?, updated_by = ?, updated_at = ? WHERE id = ?')
        .run(name, secretNameKey(name), this.options.actor(), this.now().toISOString(), id);
    })();
    return this.get(id);
  }

  setDescription(id: string, description: string): SecretMeta {
    this.get(id);
    this.prepare('UPDATE secrets SET description = ?, updated_by = ?, updated_at = ? WHERE id = ?')
      .run(description.trim(), this.options.actor(), this.now().toISOString(), id);
    return this.get(id);
  }

  setAllowedDomains(id: string, domains: string[]): SecretMeta {
    const allowed = checkDomains(domains);
    this.get(id);
    this.prepare('UPDATE secrets SET allowed_domains = ?, updated_by = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(allowed), this.options.actor(), this.now().toISOString(), id);
    return this.get(id);
  }

  /** Records that a run used these secrets. */
  markUsed(ids: readonly string[]): void {
    const at = this.now().toISOString();
    const update = this.prepare('UPDATE secrets SET last_used_at = ? WHERE workspace_id = ? AND id = ?');
    this.db.transaction(() => {
      for (const id of new Set(ids)) update.run(at, this.workspaceId, id);
    })();
  }

  /** Metadata of the given ids that still exist (a run resolves its references with it). */
  getMany(ids: readonly string[]): Map<string, SecretMeta> {
    const found = new Map<string, SecretMeta>();
    const select = this.prepare<[string, string], SecretRow>(`SELECT ${META_COLUMNS}, ${USED_BY_ONE} FROM secrets s WHERE s.workspace_id = ? AND s.id = ?`).raw();
    for (const id of new Set(ids)) {
      const row = select.get(this.workspaceId, id);
      if (row) found.set(id, toMeta(row));
    }
    return found;
  }

  /** Replaces the value (write-only: the old one is not returned) and bumps the version. */
  updateValue(id: string, value: string): SecretMeta {
    this.checkValue(value);
    this.db.transaction(() => {
      const version = this.get(id).valueVersion + 1;
      const sealed = this.vault.seal({ workspaceId: this.workspaceId, secretId: id, version }, value);
      this.prepare('UPDATE secrets SET value_version = ?, sealed_value = ?, updated_by = ?, updated_at = ? WHERE id = ?')
        .run(version, sealed, this.options.actor(), this.now().toISOString(), id);
    })();
    this.options.onValue?.(value);
    this.options.onValuesChanged?.();
    return this.get(id);
  }

  delete(id: string): void {
    const { changes } = this.prepare('DELETE FROM secrets WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id);
    if (changes === 0) throw new BridgeError('not_found', 'That secret key no longer exists.', 'id');
    this.options.onValuesChanged?.();
  }

  /**
   * Decrypts a value for use inside the main process (runs, the development tripwire).
   * Never pass the result to a bridge response.
   */
  revealForRun(id: string): string {
    const row = this.prepare<[string, string], { value_version: number; sealed_value: Buffer }>(
        'SELECT value_version, sealed_value FROM secrets WHERE workspace_id = ? AND id = ?',
      )
      .get(this.workspaceId, id);
    if (!row) throw new BridgeError('not_found', 'That secret key no longer exists.', 'id');
    return this.vault.open({ workspaceId: this.workspaceId, secretId: id, version: row.value_version }, row.sealed_value);
  }

  private checkName(raw: string): string {
    const problem = secretNameProblem(raw);
    if (problem) throw new BridgeError('invalid_request', problem, 'name');
    return raw.trim();
  }

  private checkValue(value: string): void {
    const problem = secretValueProblem(value);
    if (problem) throw new BridgeError('invalid_request', problem, 'value');
  }

  private assertNameFree(name: string, exceptId?: string): void {
    const clash = this.prepare<[string, string], { id: string; name: string }>('SELECT id, name FROM secrets WHERE workspace_id = ? AND name_key = ?')
      .get(this.workspaceId, secretNameKey(name));
    if (clash && clash.id !== exceptId) {
      throw new BridgeError('conflict', `A secret key named "${clash.name}" already exists. Names are compared without regard to case.`, 'name');
    }
  }
}
