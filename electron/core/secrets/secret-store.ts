/**
 * Secrets of one workspace: metadata in SQLite, and one value per environment — sealed by
 * the workspace's sealer, or linked to an external source (only the reference is kept).
 * Values go in (create, updateValue) and never come out through here except via
 * `revealForRun`, which only main-process run code may call. Every call checks the
 * asking person's rights (WorkspaceAccess): a key they may not see doesn't exist for them.
 */
import { secretNameKey, secretNameProblem, secretValueProblem, type KeyValueEntry, type NewSecret, type SecretMeta, type SecretType } from '../../../shared/model/secret';
import { describeSource, PROVIDER_LABELS, sourceSchema, type SourceReference } from '../../../shared/model/source';
import { BridgeError } from '../../../shared/bridge/errors';
import { domainPatternProblem, MAX_ALLOWED_DOMAINS, normalizeDomainPattern } from '../../../shared/model/domains';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import { newId } from '../ids';
import { TEAM_ACCESS, valueHint, type SecretAccess, type SecretRights, type SecretRightsInput, type Visibility } from '../../../shared/model/team';
import type { WorkspaceAccess } from '../access/workspace-access';
import type { AuditLog } from '../audit/audit-log';
import type { EarlierVersion, RetiredValue } from '../redaction/retired-values';
import { rotationProblem } from '../../../shared/model/rotation';
import type { DeletedKey, ValueVersion } from '../../../shared/model/versions';
import type { DeletedKeys } from './deleted-keys';
import type { ValueSealer } from './value-sealer';
import type { EnvironmentRows, EnvironmentRow } from '../environments/environment-rows';

/**
 * A metadata row as better-sqlite3 returns it in raw mode: an array in META_COLUMNS order.
 * Raw rows halve the cost of reading a 10,000-row list compared with one object per row.
 */
type SecretRow = [
  id: string,
  name: string,
  description: string,
  type: SecretType,
  allowedDomains: string,
  createdBy: string,
  createdAt: string,
  updatedBy: string,
  updatedAt: string,
  lastUsedAt: string | null,
  access: string,
  visibility: Visibility,
  createdById: string,
  readableByRunCode: 0 | 1,
  expiresAt: string | null,
  rotationDays: number | null,
  usedBy: number,
];

/** A value row in raw mode: secret, environment, version, hint, source (JSON, linked values only). */
type ValueRow = [secretId: string, environmentId: string, valueVersion: number, hint: string | null, source: string | null, setAt: string | null];

const META_COLUMNS = `s.id, s.name, s.description, s.type, s.allowed_domains,
  s.created_by, s.created_at, s.updated_by, s.updated_at, s.last_used_at, s.access, s.visibility, s.created_by_id, s.readable_by_code, s.expires_at, s.rotation_days`;
// Every key's values, in the order of their environments.
const VALUES_OF_ALL = `SELECT v.secret_id, v.environment_id, v.value_version, v.hint, v.source, v.set_at FROM secret_values v
  JOIN environments e ON e.workspace_id = v.workspace_id AND e.id = v.environment_id WHERE v.workspace_id = ? ORDER BY e.position`;
const USED_BY_ONE = `(SELECT COUNT(DISTINCT r.workflow_id) FROM secret_references r WHERE r.workspace_id = s.workspace_id AND r.secret_id = s.id) AS used_by`;
// For whole lists: one grouped count joined in, rather than a subquery per row.
const FROM_WITH_USED_BY = `secrets s LEFT JOIN
  (SELECT secret_id, COUNT(DISTINCT workflow_id) AS n FROM secret_references WHERE workspace_id = ? GROUP BY secret_id) u ON u.secret_id = s.id`;

const TEAM_ACCESS_JSON = JSON.stringify(TEAM_ACCESS);

function parseAccess(json: string): SecretAccess {
  return json === TEAM_ACCESS_JSON ? TEAM_ACCESS : (JSON.parse(json) as SecretAccess);
}

function toMeta(row: SecretRow, rightsOf: (secret: SecretRightsInput) => SecretRights, values: KeyValueEntry[]): SecretMeta {
  const [
    id,
    name,
    description,
    type,
    allowedDomains,
    createdBy,
    createdAt,
    updatedBy,
    updatedAt,
    lastUsedAt,
    accessJson,
    visibility,
    createdById,
    readableByRunCode,
    expiresAt,
    rotationDays,
    usedBy,
  ] = row;
  const secretAccess = parseAccess(accessJson);
  return {
    id,
    name,
    description,
    type,
    values,
    allowedDomains: allowedDomains === '[]' ? [] : (JSON.parse(allowedDomains) as string[]),
    readableByRunCode: readableByRunCode === 1,
    access: secretAccess,
    visibility,
    createdBy,
    createdById,
    createdAt,
    updatedBy,
    updatedAt,
    lastUsedAt,
    expiresAt,
    rotationDays,
    usedBy,
    rights: rightsOf({ access: secretAccess, createdById }),
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

function toEntry(row: ValueRow): KeyValueEntry {
  return { environmentId: row[1], valueVersion: row[2], hint: row[3], source: row[4] === null ? null : (JSON.parse(row[4]) as SourceReference), setAt: row[5] };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** How a team workspace follows changes to its keys (a personal workspace has none). */
export interface SecretLedger {
  /** Before a key is created: its existence, creator, access and visibility are signed into the chain. */
  creating(id: string, access: SecretAccess, visibility: Visibility): void;
  /** Before a key's access changes. */
  changingAccess(id: string, access: SecretAccess): void;
  /** Before a key is deleted. */
  deleting(id: string): void;
  /** After a change to a key's row: its new version is recorded. */
  changed(id: string): void;
}

export interface SecretStoreOptions {
  workspaceId: string;
  /** Who is asking, and what they may do. */
  access: WorkspaceAccess;
  sealer: ValueSealer;
  audit: AuditLog;
  now?: () => Date;
  /** A team workspace's record of every change (signed into its shared file). */
  ledger?: SecretLedger;
  /** Told of a value this person could open just before it is replaced or deleted (runs keep masking it). */
  onValueRetired?: (retired: RetiredValue) => void;
  /** Told of every value that enters the vault (the development tripwire listens). */
  onValue?: (value: string) => void;
  /** Told when the set of values changes: created, re-valued or deleted (the redactor is rebuilt). */
  onValuesChanged?: () => void;
  /** The workspace's environments (each key holds a value per environment). */
  environments: EnvironmentRows;
  /** Earlier versions kept on this machine (retired values): listed, and opened for Roll back. */
  history?: ValueHistory;
  /** Where a deleted key is kept until purged (personal workspaces). */
  deletedKeys?: DeletedKeys;
}

/** What the store needs of the earlier versions a machine keeps. */
export interface ValueHistory {
  listed(secretId: string): EarlierVersion[];
  open(secretId: string, environmentId: string, version: number): string | null;
  latestVersion(secretId: string, environmentId: string): number;
  unlist(secretId: string, environmentId: string, version: number): void;
}

export class SecretStore {
  private readonly workspaceId: string;
  private readonly now: () => Date;
  private readonly prepare: Prepare;

  private readonly access: WorkspaceAccess;

  constructor(
    private readonly db: Db,
    private readonly options: SecretStoreOptions,
  ) {
    this.workspaceId = options.workspaceId;
    this.access = options.access;
    this.now = options.now ?? (() => new Date());
    this.prepare = statementCache(db);
  }

  list(query?: string): SecretMeta[] {
    const needle = query?.trim();
    const rows = needle
      ? this.prepare<[string, string, string, string], SecretRow>(
          `SELECT ${META_COLUMNS}, COALESCE(u.n, 0) AS used_by FROM ${FROM_WITH_USED_BY}
             WHERE s.workspace_id = ? AND (s.name_key LIKE ? ESCAPE '\\' OR lower(s.description) LIKE ? ESCAPE '\\')
             ORDER BY s.name_key`,
        )
          .raw()
          .all(this.workspaceId, this.workspaceId, `%${escapeLike(secretNameKey(needle))}%`, `%${escapeLike(needle.toLowerCase())}%`)
      : this.prepare<[string, string], SecretRow>(`SELECT ${META_COLUMNS}, COALESCE(u.n, 0) AS used_by FROM ${FROM_WITH_USED_BY} WHERE s.workspace_id = ? ORDER BY s.name_key`)
          .raw()
          .all(this.workspaceId, this.workspaceId);
    const values = new Map<string, KeyValueEntry[]>();
    for (const row of this.prepare<[string], ValueRow>(VALUES_OF_ALL).raw().all(this.workspaceId)) {
      const list = values.get(row[0]);
      if (list) list.push(toEntry(row));
      else values.set(row[0], [toEntry(row)]);
    }
    const metas: SecretMeta[] = [];
    const rightsOf = this.access.rightsResolver();
    for (const row of rows) {
      const meta = toMeta(row, rightsOf, values.get(row[0]) ?? []);
      if (meta.rights.see) metas.push(meta);
    }
    return metas;
  }

  /** Ids of the keys this person may not see (restricted, without a grant). */
  hiddenIds(): string[] {
    const rightsOf = this.access.rightsResolver();
    return this.accessOfAll()
      .filter((secret) => !rightsOf(secret).see)
      .map((secret) => secret.id);
  }

  /** Who may do what with every secret of the workspace, whoever asks (main-process checks only). */
  accessOfAll(): (SecretRightsInput & { id: string; name: string })[] {
    return this.prepare<[string], { id: string; name: string; access: string; created_by_id: string }>('SELECT id, name, access, created_by_id FROM secrets WHERE workspace_id = ?')
      .all(this.workspaceId)
      .map((row) => ({ id: row.id, name: row.name, access: parseAccess(row.access), createdById: row.created_by_id }));
  }

  /** A secret this person may see; any other is reported as not existing. */
  get(id: string): SecretMeta {
    const meta = this.find(id);
    if (!meta?.rights.see) throw new BridgeError('not_found', 'That secret key no longer exists.', 'id');
    return meta;
  }

  private find(id: string): SecretMeta | undefined {
    const row = this.prepare<[string, string], SecretRow>(`SELECT ${META_COLUMNS}, ${USED_BY_ONE} FROM secrets s WHERE s.workspace_id = ? AND s.id = ?`)
      .raw()
      .get(this.workspaceId, id);
    return row && toMeta(row, this.access.rightsResolver(), this.valuesOf(id));
  }

  private valuesOf(id: string): KeyValueEntry[] {
    return this.prepare<[string, string], ValueRow>(
      `SELECT v.secret_id, v.environment_id, v.value_version, v.hint, v.source, v.set_at FROM secret_values v
         JOIN environments e ON e.workspace_id = v.workspace_id AND e.id = v.environment_id
        WHERE v.workspace_id = ? AND v.secret_id = ? ORDER BY e.position`,
    )
      .raw()
      .all(this.workspaceId, id)
      .map(toEntry);
  }

  /** The environment a value goes to: the one named, or the first. */
  private environment(environmentId: string | undefined): EnvironmentRow {
    const environments = this.options.environments.list();
    if (environmentId === undefined) return environments[0]!;
    const found = environments.find((environment) => environment.id === environmentId);
    if (!found) throw new BridgeError('not_found', 'That environment no longer exists.', 'environmentId');
    return found;
  }

  /** A secret this person may manage (rename, re-value, re-permission, delete). */
  getManaged(id: string): SecretMeta {
    const meta = this.get(id);
    if (!meta.rights.manage) {
      throw new BridgeError('forbidden', `You can’t change “${meta.name}”: only its owner, people granted Manage, and Admins can.`, 'id');
    }
    return meta;
  }

  create(input: NewSecret): SecretMeta {
    this.access.requireCreateSecrets();
    const name = this.checkName(input.name);
    if ((input.value === undefined) === (input.source === undefined)) {
      throw new BridgeError('invalid_request', 'A new key needs a value, or a link to the store that holds it (not both).', 'value');
    }
    if (input.value !== undefined) this.checkValue(input.value);
    const source = input.source && checkSource(input.source);
    const environment = this.environment(input.environmentId);
    const allowedDomains = checkDomains(input.allowedDomains ?? []);
    const access = this.checkAccess(input.access ?? TEAM_ACCESS);
    const visibility = input.visibility ?? 'masked';
    const rotation = checkRotation(input.expiresAt ?? null, input.rotationDays ?? null);
    const id = newId('sec');
    const at = this.now().toISOString();
    const me = this.access.me();
    const context = { workspaceId: this.workspaceId, secretId: id, version: 1, environmentId: environment.id };
    const sealed = input.value === undefined ? null : this.options.sealer.seal(context, input.value, { access, createdById: me.memberId });
    if (input.value !== undefined) this.options.onValue?.(input.value);
    this.db.transaction(() => {
      this.assertNameFree(name);
      this.options.ledger?.creating(id, access, visibility);
      this.prepare(
        `INSERT INTO secrets (id, workspace_id, name, name_key, description, type, allowed_domains,
             created_by, created_at, updated_by, updated_at, access, visibility, created_by_id, readable_by_code, expires_at, rotation_days)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        this.workspaceId,
        name,
        secretNameKey(name),
        input.description?.trim() ?? '',
        input.type ?? 'generic',
        JSON.stringify(allowedDomains),
        me.name,
        at,
        me.name,
        at,
        JSON.stringify(access),
        visibility,
        me.memberId,
        input.readableByRunCode ? 1 : 0,
        rotation.expiresAt,
        rotation.rotationDays,
      );
      this.putValue(id, environment.id, 1, sealed, source ?? null, input.value === undefined ? null : valueHint(input.value, visibility), at);
      this.options.audit.record(
        'created',
        { id, name },
        [!this.options.ledger ? '' : access.kind === 'team' ? 'Team access' : 'Restricted access', source ? linkedDetail(source, environment) : ''].filter(Boolean).join('; '),
      );
    })();
    this.changed(id);
    this.options.onValuesChanged?.();
    return this.get(id);
  }

  /** Changes who may see, use and manage a secret, and re-addresses its value to them. */
  setAccess(id: string, rawAccess: SecretAccess): SecretMeta {
    const access = this.checkAccess(rawAccess);
    const changed = this.db.transaction(() => {
      const meta = this.getManaged(id);
      if (JSON.stringify(access) === JSON.stringify(meta.access)) return false;
      const resealed = this.sealedRows(id).map((row) => ({
        ...row,
        sealed: this.options.sealer.reseal({ workspaceId: this.workspaceId, secretId: id, version: row.value_version, environmentId: row.environment_id }, row.sealed_value, {
          access,
          createdById: meta.createdById,
        }),
      }));
      this.options.ledger?.changingAccess(id, access);
      const reseal = this.prepare('UPDATE secret_values SET sealed_value = ? WHERE workspace_id = ? AND secret_id = ? AND environment_id = ?');
      for (const row of resealed) reseal.run(row.sealed, this.workspaceId, id, row.environment_id);
      this.prepare('UPDATE secrets SET access = ?, updated_by = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
        JSON.stringify(access),
        this.access.me().name,
        this.now().toISOString(),
        this.workspaceId,
        id,
      );
      this.options.audit.record('re-permissioned', meta, describeAccess(access, this.access));
      return true;
    })();
    if (changed) this.changed(id);
    return this.get(id);
  }

  rename(id: string, rawName: string): SecretMeta {
    const name = this.checkName(rawName);
    this.db.transaction(() => {
      const before = this.getManaged(id);
      this.assertNameFree(name, id);
      this.prepare('UPDATE secrets SET name = ?, name_key = ?, updated_by = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
        name,
        secretNameKey(name),
        this.access.me().name,
        this.now().toISOString(),
        this.workspaceId,
        id,
      );
      if (before.name !== name) this.options.audit.record('renamed', { id, name }, `Renamed from “${before.name}”`);
    })();
    this.changed(id);
    return this.get(id);
  }

  setDescription(id: string, description: string): SecretMeta {
    this.getManaged(id);
    this.prepare('UPDATE secrets SET description = ?, updated_by = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
      description.trim(),
      this.access.me().name,
      this.now().toISOString(),
      this.workspaceId,
      id,
    );
    this.changed(id);
    return this.get(id);
  }

  setAllowedDomains(id: string, domains: string[]): SecretMeta {
    const allowed = checkDomains(domains);
    this.getManaged(id);
    this.prepare('UPDATE secrets SET allowed_domains = ?, updated_by = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
      JSON.stringify(allowed),
      this.access.me().name,
      this.now().toISOString(),
      this.workspaceId,
      id,
    );
    this.changed(id);
    return this.get(id);
  }

  /** Rotation reminders: the date the key expires and/or the days after a value changes that it is due (null: none). */
  setRotation(id: string, expiresAt: string | null, rotationDays: number | null): SecretMeta {
    const rotation = checkRotation(expiresAt, rotationDays);
    this.getManaged(id);
    this.prepare('UPDATE secrets SET expires_at = ?, rotation_days = ?, updated_by = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
      rotation.expiresAt,
      rotation.rotationDays,
      this.access.me().name,
      this.now().toISOString(),
      this.workspaceId,
      id,
    );
    this.changed(id);
    return this.get(id);
  }

  /** Lets Run Code variables hold the value, or stops them (Manage right). */
  setReadableByRunCode(id: string, readable: boolean): SecretMeta {
    const changed = this.db.transaction(() => {
      const meta = this.getManaged(id);
      if (meta.readableByRunCode === readable) return false;
      this.prepare('UPDATE secrets SET readable_by_code = ?, updated_by = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
        readable ? 1 : 0,
        this.access.me().name,
        this.now().toISOString(),
        this.workspaceId,
        id,
      );
      this.options.audit.record('re-permissioned', meta, readable ? 'Readable by Run Code: on' : 'Readable by Run Code: off');
      return true;
    })();
    if (changed) this.changed(id);
    return this.get(id);
  }

  /** Records that a run used these secrets (last used, and the audit trail). */
  markUsed(secrets: readonly SecretMeta[], runId: string): void {
    const at = this.now().toISOString();
    const update = this.prepare('UPDATE secrets SET last_used_at = ? WHERE workspace_id = ? AND id = ?');
    const seen = new Set<string>();
    this.db.transaction(() => {
      for (const secret of secrets) {
        if (seen.has(secret.id)) continue;
        seen.add(secret.id);
        update.run(at, this.workspaceId, secret.id);
        this.options.audit.record('used', secret, '', runId);
      }
    })();
  }

  /**
   * Metadata of the given ids that still exist, whether or not this person may see them
   * (a run resolves its references with it, and refuses the ones it may not use).
   */
  getMany(ids: readonly string[]): Map<string, SecretMeta> {
    const found = new Map<string, SecretMeta>();
    for (const id of new Set(ids)) {
      const meta = this.find(id);
      if (meta) found.set(id, meta);
    }
    return found;
  }

  /** Replaces the value in an environment (write-only: the old one is not returned) and bumps its version. */
  updateValue(id: string, value: string, environmentId?: string): SecretMeta {
    this.checkValue(value);
    this.db.transaction(() => {
      const meta = this.getManaged(id);
      const environment = this.environment(environmentId);
      const version = this.writeValue(meta, environment, value);
      this.options.audit.record('re-valued', meta, `Value version ${version} in ${environment.name}`);
    })();
    this.valueWritten(id, value);
    return this.get(id);
  }

  /**
   * Makes an earlier version of a key's value in an environment current again, as a new
   * version (the one it replaces becomes an earlier version in turn). In a team the value is
   * sealed like any new value: for whoever may use the key there now.
   */
  rollback(id: string, environmentId: string, version: number): SecretMeta {
    let value = '';
    this.db.transaction(() => {
      const meta = this.getManaged(id);
      const environment = this.environment(environmentId);
      const earlier = this.options.history?.open(id, environment.id, version) ?? null;
      if (earlier === null) throw new BridgeError('not_found', `Version ${version} of “${meta.name}” in ${environment.name} is not kept on this computer.`, 'version');
      value = earlier;
      const next = this.writeValue(meta, environment, value);
      this.options.audit.record('re-valued', meta, `Rolled back to version ${version} in ${environment.name} (now version ${next})`);
    })();
    this.valueWritten(id, value);
    return this.get(id);
  }

  /** A key's versions by environment, current first then newest first: who set each and when, never a value. */
  versions(id: string): ValueVersion[] {
    const meta = this.get(id);
    const current = new Map(meta.values.map((entry) => [entry.environmentId, entry]));
    const setBy = new Map(
      this.prepare<[string, string], { environment_id: string; set_by: string | null }>('SELECT environment_id, set_by FROM secret_values WHERE workspace_id = ? AND secret_id = ?')
        .all(this.workspaceId, id)
        .map((row) => [row.environment_id, row.set_by]),
    );
    const earlier = meta.rights.manage || meta.rights.use ? (this.options.history?.listed(id) ?? []) : [];
    return this.options.environments.list().flatMap((environment) => {
      const entry = current.get(environment.id);
      const now: ValueVersion[] = entry
        ? [
            {
              environmentId: environment.id,
              version: entry.valueVersion,
              setBy: setBy.get(environment.id) ?? null,
              setAt: entry.setAt,
              hint: entry.hint,
              current: true,
              linked: entry.source !== null,
            },
          ]
        : [];
      const before = earlier
        .filter((version) => version.environmentId === environment.id && version.version !== entry?.valueVersion)
        .map((version): ValueVersion => ({ ...version, hint: meta.visibility === 'masked' ? version.hint : null, current: false, linked: false }));
      return [...now, ...before];
    });
  }

  /** Seals a new value in an environment (the one there is retired first); returns its version. */
  private writeValue(meta: SecretMeta, environment: EnvironmentRow, value: string): number {
    this.retire(meta.id, environment.id);
    const version = this.nextVersion(meta, environment.id);
    const sealed = this.options.sealer.seal({ workspaceId: this.workspaceId, secretId: meta.id, version, environmentId: environment.id }, value, meta);
    this.putValue(meta.id, environment.id, version, sealed, null, valueHint(value, meta.visibility));
    this.touch(meta.id);
    return version;
  }

  private valueWritten(id: string, value: string): void {
    this.changed(id);
    this.options.onValue?.(value);
    this.options.onValuesChanged?.();
  }

  /** Makes a key read its value in an environment from an external source at run time (no value is kept). */
  link(id: string, rawSource: SourceReference, environmentId?: string): SecretMeta {
    const source = checkSource(rawSource);
    this.db.transaction(() => {
      const meta = this.getManaged(id);
      const environment = this.environment(environmentId);
      this.retire(id, environment.id);
      const version = this.nextVersion(meta, environment.id);
      this.putValue(id, environment.id, version, null, source, null);
      this.touch(id);
      this.options.audit.record('re-valued', meta, linkedDetail(source, environment));
    })();
    this.changed(id);
    this.options.onValuesChanged?.();
    return this.get(id);
  }

  /** Takes a key's value in an environment away: runs there fail before sending until it has one again. */
  clearValue(id: string, environmentId: string): SecretMeta {
    this.db.transaction(() => {
      const meta = this.getManaged(id);
      const environment = this.environment(environmentId);
      this.retire(id, environment.id);
      const { changes } = this.prepare('DELETE FROM secret_values WHERE workspace_id = ? AND secret_id = ? AND environment_id = ?').run(this.workspaceId, id, environment.id);
      if (changes === 0) throw new BridgeError('not_found', `“${meta.name}” has no value in ${environment.name}.`, 'environmentId');
      this.touch(id);
      this.options.audit.record('re-valued', meta, `Value removed in ${environment.name}`);
    })();
    this.changed(id);
    this.options.onValuesChanged?.();
    return this.get(id);
  }

  /** Versions never repeat in an environment: after a cleared value, or a restored key, they go on from the highest there was. */
  private nextVersion(meta: SecretMeta, environmentId: string): number {
    const current = meta.values.find((entry) => entry.environmentId === environmentId)?.valueVersion ?? 0;
    return Math.max(current, this.options.history?.latestVersion(meta.id, environmentId) ?? 0) + 1;
  }

  private putValue(
    id: string,
    environmentId: string,
    version: number,
    sealed: Buffer | null,
    source: SourceReference | null,
    hint: string | null,
    at = this.now().toISOString(),
  ): void {
    this.prepare(
      `INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value, source, hint, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, secret_id, environment_id) DO UPDATE SET value_version = excluded.value_version, sealed_value = excluded.sealed_value,
         source = excluded.source, hint = excluded.hint, set_by = excluded.set_by, set_at = excluded.set_at`,
    ).run(this.workspaceId, id, environmentId, version, sealed, source && JSON.stringify(source), hint, this.access.me().name, at);
  }

  private touch(id: string): void {
    this.prepare('UPDATE secrets SET updated_by = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
      this.access.me().name,
      this.now().toISOString(),
      this.workspaceId,
      id,
    );
  }

  delete(id: string): void {
    this.db.transaction(() => {
      const meta = this.getManaged(id);
      this.retire(id);
      this.options.ledger?.deleting(id);
      this.options.deletedKeys?.keep(id, this.access.me().name, this.now());
      this.prepare('DELETE FROM secrets WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id);
      this.options.audit.record('deleted', meta);
    })();
    this.options.onValuesChanged?.();
  }

  /** Deleted keys that can still be restored (personal workspaces; none in a team). */
  recentlyDeleted(): DeletedKey[] {
    return this.options.deletedKeys?.list() ?? [];
  }

  /** Puts a recently deleted key back under its id: the workflows that refer to it work again. */
  restore(id: string): SecretMeta {
    const deleted = this.options.deletedKeys;
    if (!deleted) throw new BridgeError('invalid_request', 'Deleted keys of a team workspace can’t be restored: the workspace’s shared history has recorded the deletion.', 'id');
    this.access.requireCreateSecrets();
    this.db.transaction(() => {
      const name = deleted.nameOf(id);
      if (name === null) throw new BridgeError('not_found', 'That key is no longer in Recently deleted.', 'id');
      const clash = this.prepare<[string, string], { name: string }>('SELECT name FROM secrets WHERE workspace_id = ? AND name_key = ?').get(this.workspaceId, secretNameKey(name));
      if (clash) throw new BridgeError('conflict', `A key named “${clash.name}” exists now: rename it, then restore “${name}”.`, 'id');
      const restored = deleted.restore(id, new Set(this.options.environments.list().map((environment) => environment.id)));
      // The values put back are current again, not earlier versions.
      for (const [environmentId, version] of restored) this.options.history?.unlist(id, environmentId, version);
      this.options.audit.record('created', { id, name }, 'Restored from Recently deleted');
    })();
    this.options.onValuesChanged?.();
    return this.get(id);
  }

  /**
   * Decrypts a key's stored value in an environment for use inside the main process (runs,
   * the development tripwire). Never pass the result to a bridge response.
   */
  revealForRun(id: string, environmentId: string): string {
    const row = this.prepare<[string, string, string], { name: string; access: string; created_by_id: string; value_version: number | null; sealed_value: Buffer | null }>(
      `SELECT s.name, s.access, s.created_by_id, v.value_version, v.sealed_value FROM secrets s
           LEFT JOIN secret_values v ON v.workspace_id = s.workspace_id AND v.secret_id = s.id AND v.environment_id = ?
          WHERE s.workspace_id = ? AND s.id = ?`,
    ).get(environmentId, this.workspaceId, id);
    if (!row) throw new BridgeError('not_found', 'That secret key no longer exists.', 'id');
    const rights = this.access.rights({ access: parseAccess(row.access), createdById: row.created_by_id });
    if (!rights.use) throw new BridgeError('forbidden', `You don’t have access to use “${rights.see ? row.name : 'a restricted secret key'}”.`, 'id');
    if (row.sealed_value === null || row.value_version === null) throw new BridgeError('not_found', `“${row.name}” has no stored value in that environment.`, 'environmentId');
    return this.options.sealer.open({ workspaceId: this.workspaceId, secretId: id, version: row.value_version, environmentId }, row.sealed_value);
  }

  private sealedRows(id: string): SealedRow[] {
    return this.prepare<[string, string], SealedRow>(
      'SELECT environment_id, value_version, sealed_value, set_by, set_at FROM secret_values WHERE workspace_id = ? AND secret_id = ? AND sealed_value IS NOT NULL',
    ).all(this.workspaceId, id);
  }

  /**
   * Hands the values a key holds now (in one environment, or in all), those this person can
   * open, to onValueRetired before they are replaced or deleted — here, or by a team
   * workspace's sync.
   */
  retire(id: string, environmentId?: string): void {
    const onRetired = this.options.onValueRetired;
    if (!onRetired) return;
    const key = this.prepare<[string, string], { name: string; visibility: Visibility }>('SELECT name, visibility FROM secrets WHERE workspace_id = ? AND id = ?').get(
      this.workspaceId,
      id,
    );
    if (key === undefined) return;
    for (const row of this.sealedRows(id)) {
      if (environmentId !== undefined && row.environment_id !== environmentId) continue;
      let value: string;
      try {
        value = this.options.sealer.open({ workspaceId: this.workspaceId, secretId: id, version: row.value_version, environmentId: row.environment_id }, row.sealed_value);
      } catch {
        continue; // never shared with this person: nothing of it can show in their runs
      }
      onRetired({
        secretId: id,
        environmentId: row.environment_id,
        version: row.value_version,
        name: key.name,
        value,
        setBy: row.set_by,
        setAt: row.set_at,
        hint: valueHint(value, key.visibility),
      });
    }
  }

  /** Retires every key's value in an environment that is about to go. */
  retireEnvironment(environmentId: string): void {
    const ids = this.prepare<[string, string], { secret_id: string }>('SELECT secret_id FROM secret_values WHERE workspace_id = ? AND environment_id = ?').all(
      this.workspaceId,
      environmentId,
    );
    for (const { secret_id } of ids) this.retire(secret_id, environmentId);
  }

  private changed(id: string): void {
    this.options.ledger?.changed(id);
  }

  private checkAccess(access: SecretAccess): SecretAccess {
    if (access.kind === 'team') return TEAM_ACCESS;
    const members = this.access.members;
    const groups = new Set(this.access.groups.map((group) => group.id));
    const seen = new Set<string>();
    const grants = access.grants.filter((grant) => {
      const key = `${grant.principal.kind}:${grant.principal.id}`;
      if (seen.has(key)) throw new BridgeError('invalid_request', 'A person or group is granted access twice.', 'access');
      seen.add(key);
      const known = grant.principal.kind === 'member' ? members.has(grant.principal.id) : groups.has(grant.principal.id);
      if (!known)
        throw new BridgeError('invalid_request', `The ${grant.principal.kind === 'member' ? 'person' : 'group'} ${grant.principal.id} is not in this workspace.`, 'access');
      return true;
    });
    return { kind: 'restricted', grants };
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
    const clash = this.prepare<[string, string], { id: string; name: string }>('SELECT id, name FROM secrets WHERE workspace_id = ? AND name_key = ?').get(
      this.workspaceId,
      secretNameKey(name),
    );
    if (clash && clash.id !== exceptId) {
      throw new BridgeError('conflict', `A secret key named "${clash.name}" already exists. Names are compared without regard to case.`, 'name');
    }
  }
}

interface SealedRow {
  environment_id: string;
  value_version: number;
  sealed_value: Buffer;
  set_by: string | null;
  set_at: string | null;
}

function checkRotation(expiresAt: string | null, rotationDays: number | null): { expiresAt: string | null; rotationDays: number | null } {
  const problem = rotationProblem(expiresAt, rotationDays);
  if (problem) throw new BridgeError('invalid_request', problem, expiresAt !== null && problem.includes('expiry') ? 'expiresAt' : 'rotationDays');
  return { expiresAt: expiresAt === null ? null : new Date(Date.parse(expiresAt)).toISOString(), rotationDays };
}

function checkSource(source: SourceReference): SourceReference {
  const parsed = sourceSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BridgeError('invalid_request', `The link is not complete: ${issue.path.join('.') || 'it'} ${issue.message}.`, 'source');
  }
  return parsed.data;
}

function linkedDetail(source: SourceReference, environment: EnvironmentRow): string {
  return `Linked to ${PROVIDER_LABELS[source.provider]} (${describeSource(source)}) in ${environment.name}`;
}

/** "Restricted: Ann (Manage), Support (Use)" for the audit trail. */
function describeAccess(access: SecretAccess, workspace: WorkspaceAccess): string {
  if (access.kind === 'team') return 'Team access';
  const names = access.grants.map((grant) => {
    const name =
      grant.principal.kind === 'member'
        ? (workspace.members.get(grant.principal.id)?.name ?? grant.principal.id)
        : (workspace.groups.find((group) => group.id === grant.principal.id)?.name ?? grant.principal.id);
    return `${name} (${grant.level === 'manage' ? 'Manage' : 'Use'})`;
  });
  return `Restricted: ${names.join(', ') || 'Owners and Admins only'}`;
}
