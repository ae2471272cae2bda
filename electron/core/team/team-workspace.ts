/**
 * A team workspace: the verified membership, the signed records of its secrets and
 * workflows, and their sync with the shared workspace file.
 *
 * Local changes are signed into records as they happen and written to the file shortly
 * after; changes in the file (watched, and polled as a backstop) are verified and merged
 * into the local store by record id — the highest clock wins, deletions are tombstones,
 * the losing version goes to the record's history. Sync services' conflicted copies are
 * merged the same way, then removed.
 */
import { statSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BridgeError } from '../../../shared/bridge/errors';
import {
  DEFAULT_SETTINGS,
  isAdmin,
  secretRights,
  type Member,
  type RemovalPreview,
  type Role,
  type SyncStatus,
  type WorkspaceSettings,
} from '../../../shared/model/team';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import { KeyUnwrapper, KeyWrapper } from '../crypto/key-wrap';
import type { Identity } from '../identity/identity';
import { parseIdentityText } from '../identity/identity-text';
import { newId } from '../ids';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import type { WorkflowStore } from '../workflows/workflow-store';
import type { AuditLog } from '../audit/audit-log';
import { WorkspaceAccess } from '../workspaces/workspace-access';
import { HybridClock } from './hybrid-clock';
import { appendLink, genesisLink, linkHash, verifyChain, ChainError, type ChainHead, type ChainLink, type MembershipChange, type Membership } from './membership-chain';
import { mergeChains } from './chain-merge';
import { newerRecord, recordSignatureValid, signRecord, type SignedRecord } from './signed-records';
import { secretBodySchema, workflowBodySchema, type SecretBody, type WorkflowBody } from './record-bodies';
import { decodeTeamValue, encodeTeamValue, TeamSealer } from './team-values';
import {
  conflictedCopies,
  readWorkspaceFile,
  writeWorkspaceFile,
  WorkspaceFileError,
  WORKSPACE_FILE_EXTENSION,
  WORKSPACE_FILE_FORMAT,
  WORKSPACE_FILE_MAGIC,
  type WorkspaceFile,
} from './workspace-file';

interface WorkspaceRow {
  id: string;
  name: string;
  file_path: string;
  chain: string;
  published_seq: number | null;
  published_hash: string | null;
  sync_status: string | null;
}

export interface TeamStores {
  secrets: SecretStore;
  workflows: WorkflowStore;
  audit: AuditLog;
}

export interface TeamWorkspaceOptions {
  db: Db;
  identity: Identity;
  logger: Logger;
  now?: () => Date;
  /** How often the file is checked when no change was noticed (the watcher's backstop). */
  pollIntervalMs?: number;
}

const NEVER_SYNCED: SyncStatus = { state: 'synced', at: null, problem: null, rejected: [] };

export class TeamWorkspace {
  readonly id: string;
  readonly filePath: string;
  private chain: ChainLink[];
  private state: Membership;
  private published: ChainHead | null;
  private status: SyncStatus;
  private readonly clock: HybridClock;
  private readonly prepare: Prepare;
  private readonly now: () => Date;
  private stores: TeamStores | null = null;
  readonly access: WorkspaceAccess;
  readonly sealer: TeamSealer;
  private unwrapper: KeyUnwrapper | null = null;
  /** Serialises syncs: one read-merge-write at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private pendingTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  /** The file as this machine last wrote or read it: an unchanged file needs no re-read. */
  private lastSeen: { mtimeMs: number; size: number } | null = null;
  /** Local changes the file doesn't have yet. */
  private dirty = false;
  private onRemoteChange: () => void = () => undefined;

  private constructor(
    private readonly options: TeamWorkspaceOptions,
    row: WorkspaceRow,
  ) {
    this.id = row.id;
    this.filePath = row.file_path;
    this.chain = JSON.parse(row.chain) as ChainLink[];
    this.state = verifyChain(this.chain, row.id);
    this.published = row.published_seq === null ? null : { seq: row.published_seq, hash: row.published_hash! };
    this.status = row.sync_status ? (JSON.parse(row.sync_status) as SyncStatus) : NEVER_SYNCED;
    this.prepare = statementCache(options.db);
    this.now = options.now ?? (() => new Date());
    this.clock = new HybridClock(options.identity.memberId, () => this.now().getTime());
    this.access = new WorkspaceAccess(() => this.state, options.identity.memberId);
    this.sealer = new TeamSealer(this.access, () => {
      const keys = options.identity.keys;
      return (this.unwrapper ??= new KeyUnwrapper(keys.memberId, keys.boxKey, keys.boxPrivate));
    });
  }

  // --- Creating, opening, loading -----------------------------------------------------

  /** Creates `<folder>/<name>.keyflow` with this person as its Owner. */
  static create(options: TeamWorkspaceOptions, folder: string, name: string): TeamWorkspace {
    const trimmed = name.trim();
    if (!trimmed) throw new BridgeError('invalid_request', 'Name is required.', 'name');
    if (/[\\/:*?"<>|\p{Cc}]/u.test(trimmed)) throw new BridgeError('invalid_request', 'Name cannot contain \\ / : * ? " < > | or control characters (it names the file).', 'name');
    let isFolder = false;
    try {
      isFolder = statSync(folder).isDirectory();
    } catch {
      // reported below
    }
    if (!isFolder) throw new BridgeError('invalid_request', `The folder ${folder} does not exist.`, 'folder');
    const filePath = join(folder, `${trimmed}${WORKSPACE_FILE_EXTENSION}`);
    if (existsQuietly(filePath)) throw new BridgeError('conflict', `${basename(filePath)} already exists in that folder: open it instead.`, 'name');
    const { identity, db } = options;
    const id = newId('ws');
    const genesis = genesisLink(identity.keys, identity.publicIdentity(), id, trimmed, DEFAULT_SETTINGS, new Date().toISOString());
    const file: WorkspaceFile = { magic: WORKSPACE_FILE_MAGIC, format: WORKSPACE_FILE_FORMAT, workspaceId: id, chain: [genesis], records: [], audit: [] };
    writeWorkspaceFile(filePath, JSON.stringify(file));
    insertRow(db, id, trimmed, filePath, [genesis], { seq: 0, hash: verifyChain([genesis], id).head.hash });
    return TeamWorkspace.load(options, id);
  }

  /** Opens an existing workspace file this person is a member of. */
  static async open(options: TeamWorkspaceOptions, path: string): Promise<TeamWorkspace> {
    let file: WorkspaceFile;
    let state: Membership;
    try {
      file = await readWorkspaceFile(path);
      state = verifyChain(file.chain, file.workspaceId);
    } catch (error) {
      if (error instanceof WorkspaceFileError || error instanceof ChainError) throw new BridgeError('invalid_request', error.message, 'path');
      throw error;
    }
    const existing = options.db.prepare<[string], { file_path: string | null }>('SELECT file_path FROM workspaces WHERE id = ?').get(file.workspaceId);
    if (existing) {
      throw new BridgeError('conflict', `This workspace is already open here${existing.file_path && existing.file_path !== path ? ` (from ${existing.file_path})` : ''}.`, 'path');
    }
    if (!state.members.has(options.identity.memberId)) {
      throw new BridgeError(
        'forbidden',
        `You are not a member of “${state.name}” yet. Share your identity (Your identity ▸ Share) with one of its Admins, and open the file again once they have added you.`,
        'path',
      );
    }
    insertRow(options.db, file.workspaceId, state.name, path, file.chain, state.head);
    return TeamWorkspace.load(options, file.workspaceId);
  }

  static load(options: TeamWorkspaceOptions, id: string): TeamWorkspace {
    const row = options.db
      .prepare<[string], WorkspaceRow>("SELECT id, name, file_path, chain, published_seq, published_hash, sync_status FROM workspaces WHERE id = ? AND kind = 'team'")
      .get(id);
    if (!row) throw new BridgeError('not_found', 'That workspace is not open on this machine.', 'id');
    return new TeamWorkspace(options, row);
  }

  /** Connects the local stores and starts following the file. */
  attach(stores: TeamStores, onRemoteChange: () => void): void {
    this.stores = stores;
    this.onRemoteChange = onRemoteChange;
  }

  startWatching(): void {
    try {
      this.watcher = watch(dirname(this.filePath), { persistent: false }, (_event, name) => {
        if (name && String(name).startsWith(basename(this.filePath, WORKSPACE_FILE_EXTENSION))) this.scheduleSync(300);
      });
      this.watcher.on('error', () => undefined);
    } catch (error) {
      this.options.logger.info(`can't watch ${dirname(this.filePath)}; polling only (${(error as Error).message})`);
    }
    this.pollTimer = setInterval(() => this.scheduleSync(0), this.options.pollIntervalMs ?? 15_000);
    this.pollTimer.unref();
  }

  async close(): Promise<void> {
    this.watcher?.close();
    if (this.pollTimer) clearInterval(this.pollTimer);
    const pending = this.pendingTimer !== null;
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    if (pending) await this.sync();
    await this.queue;
  }

  // --- What the handlers read --------------------------------------------------------

  get name(): string {
    return this.state.name;
  }

  get membership(): Membership {
    return this.state;
  }

  get settings(): WorkspaceSettings {
    return this.state.settings;
  }

  get syncStatus(): SyncStatus {
    return this.status;
  }

  /** A past or present member's name (audit entries outlive memberships). */
  nameOf(memberId: string): string {
    return this.state.everMembers.get(memberId)?.name ?? memberId;
  }

  // --- Local changes -----------------------------------------------------------------

  /** A secret changed here: sign its new version (or its deletion) into a record. */
  secretChanged(id: string): void {
    const replica = this.requireStores().secrets.replicaOf(id);
    this.signLocal('secret', id, replica ? secretBody(replica) : null);
  }

  workflowChanged(id: string): void {
    const replica = this.requireStores().workflows.replicaOf(id);
    this.signLocal('workflow', id, replica);
  }

  auditAppended(): void {
    this.dirty = true;
    this.scheduleSync();
  }

  private signLocal(kind: SignedRecord['kind'], id: string, body: SecretBody | WorkflowBody | null): void {
    const keys = this.options.identity.keys;
    const record = signRecord(this.id, keys, { id, kind, clock: this.clock.tick(), author: keys.memberId, body: body as Record<string, unknown> | null });
    this.storeRecord(record);
    this.dirty = true;
    this.scheduleSync();
  }

  private storeRecord(record: SignedRecord): void {
    this.prepare(
        `INSERT INTO team_records (workspace_id, id, kind, clock, sig, record) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, id) DO UPDATE SET kind = excluded.kind, clock = excluded.clock, sig = excluded.sig, record = excluded.record`,
      )
      .run(this.id, record.id, record.kind, record.clock, record.sig, JSON.stringify(record));
  }

  private keepInHistory(record: SignedRecord): void {
    this.prepare('INSERT OR IGNORE INTO team_record_history (workspace_id, id, clock, record, superseded_at) VALUES (?, ?, ?, ?, ?)')
      .run(this.id, record.id, record.clock, JSON.stringify(record), this.now().toISOString());
  }

  /** Versions of a record that lost a merge or were replaced, newest first. */
  history(id: string): SignedRecord[] {
    return this.prepare<[string, string], { record: string }>('SELECT record FROM team_record_history WHERE workspace_id = ? AND id = ? ORDER BY clock DESC')
      .all(this.id, id)
      .map((row) => JSON.parse(row.record) as SignedRecord);
  }

  // --- Membership --------------------------------------------------------------------

  private changeMembership(change: MembershipChange): void {
    try {
      this.chain.push(appendLink(this.state, this.options.identity.keys, change, this.now().toISOString()));
    } catch (error) {
      if (error instanceof ChainError) throw new BridgeError('forbidden', error.message);
      throw error;
    }
    this.saveChain();
    this.dirty = true;
    this.reconcileWraps();
    this.scheduleSync(0);
  }

  addMember(identityText: string, role: Role): Member {
    this.access.requireAdmin('add members');
    const identity = parseIdentityText(identityText);
    const { fingerprint: _fingerprint, ...member } = identity;
    this.changeMembership({ type: 'add-member', member, role });
    return this.state.members.get(member.memberId)!;
  }

  setRole(memberId: string, role: Role): void {
    this.access.requireAdmin('change roles');
    this.changeMembership({ type: 'set-role', memberId, role });
  }

  saveGroup(id: string | undefined, name: string, memberIds: string[]): void {
    this.access.requireAdmin('manage groups');
    const trimmed = name.trim();
    if (!trimmed) throw new BridgeError('invalid_request', 'Group name is required.', 'name');
    const clash = [...this.state.groups.values()].find((group) => group.name.toLowerCase() === trimmed.toLowerCase() && group.id !== id);
    if (clash) throw new BridgeError('conflict', `A group named “${clash.name}” already exists.`, 'name');
    if (id && !this.state.groups.has(id)) throw new BridgeError('not_found', 'That group no longer exists.', 'id');
    this.changeMembership({ type: 'save-group', group: { id: id ?? newId('grp'), name: trimmed, memberIds: [...new Set(memberIds)] } });
  }

  deleteGroup(id: string): void {
    this.access.requireAdmin('manage groups');
    this.changeMembership({ type: 'delete-group', groupId: id });
  }

  setSettings(settings: WorkspaceSettings): void {
    this.access.requireAdmin('change workspace settings');
    this.changeMembership({ type: 'set-settings', settings });
  }

  previewRemoval(memberId: string): RemovalPreview {
    this.access.requireAdmin('remove members');
    const member = this.state.members.get(memberId);
    if (!member) throw new BridgeError('not_found', 'That person is not a member of this workspace.', 'memberId');
    const { secrets, workflows } = this.requireStores();
    const groups = [...this.state.groups.values()];
    const deletes: RemovalPreview['deletes'] = [];
    const rotates: RemovalPreview['rotates'] = [];
    for (const secret of secrets.replicas()) {
      if (secret.createdById === memberId) {
        const usedBy = new Map(workflows.usage(secret.id).map((use) => [use.workflowId, { workflowId: use.workflowId, workflowName: use.workflowName }]));
        deletes.push({ id: secret.id, name: secret.name, usedBy: [...usedBy.values()] });
      } else if (secretRights(member.role, memberId, secret, groups).use) {
        rotates.push({ id: secret.id, name: secret.name });
      }
    }
    return { member, deletes, rotates };
  }

  /**
   * Removes a member: deletes the secrets they created, then the membership change, then
   * re-keys every secret they could use for the remaining members. Workflows they last
   * signed are re-signed by this Admin so they stay valid. Returns what to rotate at the source.
   */
  removeMember(memberId: string): { id: string; name: string }[] {
    const preview = this.previewRemoval(memberId);
    if (memberId === this.options.identity.memberId) throw new BridgeError('invalid_request', 'You can’t remove yourself; ask another Owner or Admin.', 'memberId');
    const { secrets } = this.requireStores();
    for (const secret of preview.deletes) secrets.delete(secret.id);
    this.changeMembership({ type: 'remove-member', memberId });
    this.adoptRecordsOf(memberId);
    return preview.rotates;
  }

  private adoptRecordsOf(memberId: string): void {
    const rows = this.prepare<[string], { record: string }>('SELECT record FROM team_records WHERE workspace_id = ?').all(this.id);
    for (const { record } of rows) {
      const parsed = JSON.parse(record) as SignedRecord;
      if (parsed.author === memberId) this.signLocal(parsed.kind, parsed.id, parsed.body as SecretBody | WorkflowBody | null);
    }
  }

  /**
   * Addresses every value this person manages (Owners and Admins: all) to exactly the
   * members who may use it now. A value someone lost access to gets a new data key.
   */
  private reconcileWraps(): boolean {
    if (!this.state.members.has(this.options.identity.memberId)) return false;
    const { secrets } = this.requireStores();
    const wrapper = new KeyWrapper();
    let changed = false;
    for (const secret of secrets.replicas()) {
      if (!this.access.rights(secret).manage || this.sealer.addressedCorrectly(secret.sealedValue, secret)) continue;
      const context = { workspaceId: this.id, secretId: secret.id, version: secret.valueVersion };
      let sealed: Buffer;
      try {
        sealed = this.sealer.reseal(context, secret.sealedValue, secret, wrapper);
      } catch (error) {
        this.options.logger.error(`can't re-key ${secret.id}: ${(error as Error).message}`);
        continue;
      }
      secrets.putSealedValue(secret.id, sealed);
      this.secretChanged(secret.id);
      changed = true;
    }
    return changed;
  }

  // --- Sync --------------------------------------------------------------------------

  /** Syncs soon (coalescing bursts of local changes into one write). */
  scheduleSync(delayMs = 200): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = null;
      this.sync().catch((error) => this.options.logger.error(`sync of ${this.filePath} failed: ${(error as Error).message}`));
    }, delayMs);
    this.pendingTimer.unref?.();
  }

  /** Reads, verifies and merges the file and its conflicted copies, and writes back what the file lacks. */
  sync(): Promise<SyncStatus> {
    if (this.pendingTimer) {
      clearTimeout(this.pendingTimer);
      this.pendingTimer = null;
    }
    const run = this.queue.then(() => this.syncNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncNow(): Promise<SyncStatus> {
    const problems: string[] = [];
    const rejected: string[] = [];
    let mustWrite = this.dirty;
    let changed = false;
    const merged: string[] = [];
    const sources = [this.filePath, ...conflictedCopies(this.filePath)];
    for (const path of sources) {
      const isMain = path === this.filePath;
      if (isMain && this.unchangedSinceSeen()) continue;
      let file: WorkspaceFile;
      try {
        if (isMain) this.lastSeen = statQuietly(path);
        file = await readWorkspaceFile(path);
      } catch (error) {
        if (!(error instanceof WorkspaceFileError)) throw error;
        if (isMain && !existsQuietly(path)) mustWrite = true;
        else problems.push(error.message);
        continue;
      }
      if (file.workspaceId !== this.id) {
        if (isMain) problems.push(`${basename(path)} now holds a different workspace; Keyflow did not change it.`);
        continue;
      }
      const outcome = this.mergeFile(file, isMain);
      problems.push(...outcome.problems);
      rejected.push(...outcome.rejected);
      mustWrite ||= outcome.fileBehind || !isMain;
      changed ||= outcome.changed;
      if (!isMain && outcome.problems.length === 0) merged.push(path);
    }
    if (!this.state.members.has(this.options.identity.memberId)) {
      this.forgetValues();
      changed = true;
      problems.push('An Admin removed you from this workspace; its secret keys were removed from this machine.');
      mustWrite = false;
    } else if (this.reconcileWraps()) {
      mustWrite = true;
    }
    if (mustWrite) {
      this.writeFile();
      this.dirty = false;
      for (const copy of merged) rmSync(copy, { force: true });
    }
    this.status = { state: problems.length > 0 ? 'failed' : 'synced', at: this.now().toISOString(), problem: problems.join(' ') || null, rejected };
    this.prepare('UPDATE workspaces SET sync_status = ?, name = ? WHERE id = ?').run(JSON.stringify(this.status), this.state.name, this.id);
    if (changed) this.onRemoteChange();
    return this.status;
  }

  private unchangedSinceSeen(): boolean {
    try {
      const stat = statSync(this.filePath);
      return this.lastSeen !== null && stat.mtimeMs === this.lastSeen.mtimeMs && stat.size === this.lastSeen.size;
    } catch {
      return false;
    }
  }

  private mergeFile(file: WorkspaceFile, isMain: boolean): { problems: string[]; rejected: string[]; fileBehind: boolean; changed: boolean } {
    const name = isMain ? 'The workspace file' : 'A conflicted copy of the workspace file';
    let merge;
    try {
      verifyChain(file.chain, this.id);
      merge = mergeChains(this.id, this.chain, file.chain, this.options.identity.keys, this.published, isMain);
    } catch (error) {
      if (!(error instanceof ChainError)) throw error;
      // Nothing of a file whose membership fails verification is applied; ours is written back.
      return { problems: [`${name} was refused: ${error.message}`], rejected: [], fileBehind: isMain, changed: false };
    }
    const chainChanged = merge.chain.length !== this.chain.length || merge.chain.some((link, index) => link.sig !== this.chain[index]?.sig);
    this.chain = merge.chain;
    this.state = merge.membership;
    if (chainChanged) this.saveChain();
    if (isMain && file.chain.length > 0) {
      const head = file.chain.length - 1;
      if (this.chain[head]?.sig === file.chain[head]!.sig && (this.published === null || head >= this.published.seq)) {
        this.published = { seq: head, hash: linkHash(this.chain[head]!) };
        this.prepare('UPDATE workspaces SET published_seq = ?, published_hash = ? WHERE id = ?').run(this.published.seq, this.published.hash, this.id);
      }
    }
    const records = this.mergeRecords(file.records);
    const stores = this.requireStores();
    const auditProblems = stores.audit.merge(file.audit, (id) => this.state.everMembers.get(id)?.signingKey);
    const auditBehind = stores.audit.count() > file.audit.length;
    return {
      problems: auditProblems,
      rejected: [...records.rejected, ...merge.notes],
      fileBehind: merge.fileBehind || records.fileBehind || auditBehind,
      changed: chainChanged || records.applied > 0,
    };
  }

  private mergeRecords(incoming: readonly SignedRecord[]): { applied: number; rejected: string[]; fileBehind: boolean } {
    const local = new Map(
      this.prepare<[string], { id: string; clock: string; sig: string; record: string }>('SELECT id, clock, sig, record FROM team_records WHERE workspace_id = ?')
        .all(this.id)
        .map((row) => [row.id, row]),
    );
    const rejected: string[] = [];
    let applied = 0;
    let fileBehind = false;
    const seen = new Set<string>();
    this.options.db.transaction(() => {
      for (const record of incoming) {
        seen.add(record.id);
        const mine = local.get(record.id);
        // Byte-identical to the version accepted here before: already verified.
        if (mine && mine.sig === record.sig && mine.record === JSON.stringify(record)) continue;
        const problem = this.recordProblem(record);
        if (problem) {
          rejected.push(problem);
          if (mine) fileBehind = true;
          continue;
        }
        this.clock.observe(record.clock);
        const current = mine ? (JSON.parse(mine.record) as SignedRecord) : null;
        if (!current || newerRecord(current, record) === record) {
          if (current) this.keepInHistory(current);
          this.storeRecord(record);
          this.project(record);
          applied++;
        } else {
          this.keepInHistory(record);
          fileBehind = true;
        }
      }
    })();
    for (const id of local.keys()) if (!seen.has(id)) fileBehind = true;
    return { applied, rejected, fileBehind };
  }

  /** Why a record from the file can't be accepted, or null. */
  private recordProblem(record: SignedRecord): string | null {
    const label = `A change to a ${record.kind} (${record.id})`;
    const author = this.state.members.get(record.author);
    if (!author) return `${label} by ${this.nameOf(record.author)} was refused: they are not a member of the workspace.`;
    if (!recordSignatureValid(this.id, author.signingKey, record)) return `${label} was refused: its signature is invalid (it was altered after ${author.name} signed it).`;
    if (author.role === 'viewer') return `${label} by ${author.name} was refused: Viewers can’t change the workspace.`;
    if (record.body === null) return record.kind === 'secret' ? this.secretRightProblem(label, author, record.id, null) : null;
    const schema = record.kind === 'secret' ? secretBodySchema : workflowBodySchema;
    const parsed = schema.safeParse(record.body);
    if (!parsed.success) return `${label} by ${author.name} was refused: it is malformed.`;
    return record.kind === 'secret' ? this.secretRightProblem(label, author, record.id, parsed.data as SecretBody) : null;
  }

  private secretRightProblem(label: string, author: Member, id: string, body: SecretBody | null): string | null {
    if (isAdmin(author.role)) return null;
    const existing = this.requireStores().secrets.replicaOf(id);
    if (existing) {
      const rights = secretRights(author.role, author.memberId, existing, [...this.state.groups.values()]);
      if (!rights.manage) return `${label} by ${author.name} was refused: they may not manage that secret key.`;
      if (body && body.createdById !== existing.createdById) return `${label} by ${author.name} was refused: it changes who owns the key.`;
      return null;
    }
    if (body && (body.createdById !== author.memberId || !this.state.settings.editorsCanCreateSecrets)) {
      return `${label} by ${author.name} was refused: they may not create secret keys for others, or Editors may not create keys.`;
    }
    return null;
  }

  private project(record: SignedRecord): void {
    const { secrets, workflows } = this.requireStores();
    if (record.kind === 'secret') {
      if (record.body === null) secrets.removeReplica(record.id);
      else {
        const { value, ...meta } = record.body as SecretBody;
        secrets.putReplica(record.id, { ...meta, sealedValue: encodeTeamValue(value) });
      }
    } else if (record.body === null) workflows.removeReplica(record.id);
    else workflows.putReplica(record.id, record.body as WorkflowBody);
  }

  private forgetValues(): void {
    const { secrets } = this.requireStores();
    for (const secret of secrets.replicas()) secrets.removeReplica(secret.id);
    this.prepare("DELETE FROM team_records WHERE workspace_id = ? AND kind = 'secret'").run(this.id);
  }

  private writeFile(): void {
    const records = this.prepare<[string], { record: string }>('SELECT record FROM team_records WHERE workspace_id = ? ORDER BY id').all(this.id);
    const audit = this.requireStores().audit.records();
    const text =
      `{"magic":${JSON.stringify(WORKSPACE_FILE_MAGIC)},"format":${WORKSPACE_FILE_FORMAT},"workspaceId":${JSON.stringify(this.id)},` +
      `"chain":${JSON.stringify(this.chain)},"records":[${records.map((row) => row.record).join(',')}],"audit":${JSON.stringify(audit)}}`;
    writeWorkspaceFile(this.filePath, text);
    this.lastSeen = statQuietly(this.filePath);
    this.published = { seq: this.chain.length - 1, hash: linkHash(this.chain[this.chain.length - 1]!) };
    this.prepare('UPDATE workspaces SET published_seq = ?, published_hash = ? WHERE id = ?').run(this.published.seq, this.published.hash, this.id);
  }

  private saveChain(): void {
    this.prepare('UPDATE workspaces SET chain = ?, name = ? WHERE id = ?').run(JSON.stringify(this.chain), this.state.name, this.id);
  }

  private requireStores(): TeamStores {
    if (!this.stores) throw new Error('The team workspace is not attached to its stores.');
    return this.stores;
  }
}

function secretBody(replica: ReturnType<SecretStore['replicaOf']> & object): SecretBody {
  const { sealedValue, ...meta } = replica;
  return { ...meta, value: decodeTeamValue(sealedValue) };
}

function statQuietly(path: string): { mtimeMs: number; size: number } | null {
  try {
    const { mtimeMs, size } = statSync(path);
    return { mtimeMs, size };
  } catch {
    return null;
  }
}

function existsQuietly(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function insertRow(db: Db, id: string, name: string, filePath: string, chain: readonly ChainLink[], head: ChainHead): void {
  db.prepare("INSERT INTO workspaces (id, name, kind, created_at, file_path, chain, published_seq, published_hash) VALUES (?, ?, 'team', ?, ?, ?, ?, ?)")
    .run(id, name, new Date().toISOString(), filePath, JSON.stringify(chain), head.seq, head.hash);
}
