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
import { existsSync, statSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { BridgeError } from '../../../shared/bridge/errors';
import {
  DEFAULT_SETTINGS,
  secretRights,
  type Member,
  type RemovalPreview,
  type Role,
  type SyncStatus,
  type WorkspaceSettings,
  valueHint,
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
import { recordHash, supersedes, signCommit, type Commit, type SignedRecord } from './signed-records';
import { RecordTable } from './record-table';
import { commitsByRecordHash, parseRecord, recordProblem } from './record-checks';
import type { SecretBody, WorkflowBody } from './record-bodies';
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
  private readonly records: RecordTable;
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
  private preloaded: WorkspaceFile | null = null;
  private closed = false;

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
    this.records = new RecordTable(options.db, row.id, this.now);
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
    if (!isAbsolute(folder)) throw new BridgeError('invalid_request', 'Give the full path of the folder (for example /home/ann/Dropbox/Team).', 'folder');
    if (!isFolder) throw new BridgeError('invalid_request', `The folder ${folder} does not exist.`, 'folder');
    const filePath = join(folder, `${trimmed}${WORKSPACE_FILE_EXTENSION}`);
    if (existsSync(filePath)) throw new BridgeError('conflict', `${basename(filePath)} already exists in that folder: open it instead.`, 'name');
    const { identity, db } = options;
    const id = newId('ws');
    const genesis = genesisLink(identity.keys, identity.publicIdentity(), id, trimmed, DEFAULT_SETTINGS, new Date().toISOString());
    const file: WorkspaceFile = { magic: WORKSPACE_FILE_MAGIC, format: WORKSPACE_FILE_FORMAT, workspaceId: id, chain: [genesis], commits: [], records: [], audit: [] };
    writeWorkspaceFile(filePath, JSON.stringify(file));
    insertRow(db, id, trimmed, filePath, [genesis], { seq: 0, hash: verifyChain([genesis], id).head.hash });
    return TeamWorkspace.load(options, id);
  }

  /** Opens an existing workspace file this person is a member of; returns its id and the file as read. */
  static async open(options: TeamWorkspaceOptions, path: string): Promise<{ id: string; file: WorkspaceFile }> {
    if (!isAbsolute(path)) throw new BridgeError('invalid_request', 'Give the full path of the workspace file (for example /home/ann/Dropbox/Team/Acme.keyflow).', 'path');
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
    return { id: file.workspaceId, file };
  }

  /** The file as just read by `open`: the first sync uses it instead of reading it again. */
  preload(file: WorkspaceFile): void {
    this.preloaded = file;
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
    this.closed = true;
  }

  // --- What the handlers read --------------------------------------------------------

  get membership(): Membership {
    return this.state;
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
    this.recordLocal('secret', id, replica ? secretBody(replica) : null);
  }

  workflowChanged(id: string): void {
    const replica = this.requireStores().workflows.replicaOf(id);
    this.recordLocal('workflow', id, replica);
  }

  auditAppended(): void {
    this.dirty = true;
    this.scheduleSync();
  }

  /** A new version of a record by this person; it is signed (in a commit) when the file is written. */
  private recordLocal(kind: SignedRecord['kind'], id: string, body: SecretBody | WorkflowBody | null): void {
    const record: SignedRecord = { id, kind, clock: this.clock.tick(), author: this.options.identity.memberId, body: body as Record<string, unknown> | null };
    const text = JSON.stringify(record);
    this.records.put(record, text, recordHash(this.id, text), '');
    this.dirty = true;
    this.scheduleSync();
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
    for (const secret of secrets.accessOfAll()) {
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
    for (const record of this.records.authoredBy(memberId)) this.recordLocal(record.kind, record.id, record.body as SecretBody | WorkflowBody | null);
  }

  /**
   * Addresses the values this person manages (Owners and Admins: all) to exactly the
   * members who may use them now — all of them after a membership change, else only
   * those just received. A value someone lost access to gets a new data key.
   */
  private reconcileWraps(only?: ReadonlyMap<string, SecretBody>): boolean {
    if (!this.state.members.has(this.options.identity.memberId) || only?.size === 0) return false;
    const { secrets } = this.requireStores();
    const misaddressed = only
      ? [...only].filter(([, body]) => this.access.rights(body).manage && !this.sealer.addressedCorrectly(body.value, body)).map(([id]) => ({ id, ...secrets.replicaOf(id)! }))
      : secrets.replicas().filter((secret) => this.access.rights(secret).manage && !this.sealer.addressedCorrectly(secret.sealedValue, secret));
    if (misaddressed.length === 0) return false;
    const wrapper = new KeyWrapper();
    this.options.db.transaction(() => {
      for (const secret of misaddressed) {
        const context = { workspaceId: this.id, secretId: secret.id, version: secret.valueVersion };
        let sealedValue: Buffer;
        try {
          sealedValue = this.sealer.reseal(context, secret.sealedValue, secret, wrapper);
        } catch (error) {
          this.options.logger.error(`can't re-key ${secret.id}: ${(error as Error).message}`);
          continue;
        }
        secrets.putSealedValue(secret.id, sealedValue);
        const { id, ...replica } = secret;
        this.recordLocal('secret', id, secretBody({ ...replica, sealedValue }));
      }
    })();
    return true;
  }

  // --- Sync --------------------------------------------------------------------------

  /** Syncs soon (coalescing bursts of local changes into one write). */
  scheduleSync(delayMs = 200): void {
    // A run still finishing after a switch may record its use here: the next open writes it.
    if (this.closed) return;
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
    let membershipChanged = false;
    const received = new Map<string, SecretBody>();
    const merged: string[] = [];
    for (const path of [this.filePath, ...conflictedCopies(this.filePath)]) {
      const isMain = path === this.filePath;
      const preloaded = isMain ? this.preloaded : null;
      this.preloaded = null;
      if (isMain && !preloaded && this.unchangedSinceSeen()) continue;
      let file: WorkspaceFile;
      try {
        if (isMain) this.lastSeen = statQuietly(path);
        file = preloaded ?? (await readWorkspaceFile(path));
      } catch (error) {
        if (!(error instanceof WorkspaceFileError)) throw error;
        if (isMain && !existsSync(path)) mustWrite = true;
        else problems.push(error.message);
        continue;
      }
      if (file.workspaceId !== this.id) {
        if (isMain) problems.push(`${basename(path)} now holds a different workspace; Keyflow did not change it.`);
        continue;
      }
      const outcome = this.mergeFile(file, path, received);
      problems.push(...outcome.problems);
      rejected.push(...outcome.rejected);
      mustWrite ||= outcome.fileBehind || !isMain;
      changed ||= outcome.changed;
      membershipChanged ||= outcome.membershipChanged;
      if (!isMain && outcome.problems.length === 0) merged.push(path);
    }
    if (!this.state.members.has(this.options.identity.memberId)) {
      this.forgetValues();
      changed = true;
      problems.push('An Admin removed you from this workspace; its secret keys were removed from this machine.');
      mustWrite = false;
    } else if (this.reconcileWraps(membershipChanged ? undefined : received)) {
      mustWrite = true;
    }
    if (mustWrite) {
      try {
        this.writeFile();
        this.dirty = false;
        for (const copy of merged) rmSync(copy, { force: true });
      } catch (error) {
        // Local changes stay recorded here and are written at the next sync.
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        problems.push(`The workspace file could not be written (${code}): check that its folder is still there and writable.`);
      }
    }
    this.status = { state: problems.length > 0 ? 'failed' : 'synced', at: this.now().toISOString(), problem: problems.join(' ') || null, rejected };
    this.prepare('UPDATE workspaces SET sync_status = ?, name = ? WHERE id = ?').run(JSON.stringify(this.status), this.state.name, this.id);
    if (changed) this.onRemoteChange();
    return this.status;
  }

  private unchangedSinceSeen(): boolean {
    const stat = statQuietly(this.filePath);
    return stat !== null && this.lastSeen !== null && stat.mtimeMs === this.lastSeen.mtimeMs && stat.size === this.lastSeen.size;
  }

  private mergeFile(
    file: WorkspaceFile,
    path: string,
    received: Map<string, SecretBody>,
  ): { problems: string[]; rejected: string[]; fileBehind: boolean; changed: boolean; membershipChanged: boolean } {
    const isMain = path === this.filePath;
    const name = isMain ? 'The workspace file' : `The conflicted copy “${basename(path)}” (left in place)`;
    let merge;
    try {
      const theirs = { links: file.chain, membership: verifyChain(file.chain, this.id) };
      merge = mergeChains(this.id, { links: this.chain, membership: this.state }, theirs, this.options.identity.keys, this.published, isMain);
    } catch (error) {
      if (!(error instanceof ChainError)) throw error;
      // Nothing of a file whose membership fails verification is applied; ours is written back.
      return { problems: [`${name} was refused: ${error.message}`], rejected: [], fileBehind: isMain, changed: false, membershipChanged: false };
    }
    const chainChanged = merge.chain.length !== this.chain.length || merge.chain.some((link, index) => link.sig !== this.chain[index]?.sig);
    this.chain = merge.chain;
    this.state = merge.membership;
    if (chainChanged) this.saveChain();
    if (isMain && file.chain.length > 0) {
      const head = file.chain.length - 1;
      if (this.chain[head]?.sig === file.chain[head]!.sig && (this.published === null || head >= this.published.seq)) {
        this.markPublished(head);
      }
    }
    const records = this.mergeRecords(file.commits, file.records, received);
    const stores = this.requireStores();
    const auditProblems = stores.audit.merge(file.audit, (id) => this.state.everMembers.get(id)?.signingKey);
    const auditBehind = stores.audit.count() > file.audit.length;
    return {
      problems: auditProblems,
      rejected: [...records.rejected, ...merge.notes],
      fileBehind: merge.fileBehind || records.fileBehind || auditBehind,
      changed: chainChanged || records.applied > 0,
      membershipChanged: chainChanged,
    };
  }

  /**
   * Merges the file's records into the local store by id: a version is accepted only if a
   * valid commit by its author lists its exact hash and the author may make that change;
   * then the higher clock wins and the other version goes to the record's history.
   */
  private mergeRecords(commits: readonly Commit[], incoming: readonly string[], received: Map<string, SecretBody>): { applied: number; rejected: string[]; fileBehind: boolean } {
    const local = this.records.versionsByHash();
    const localIds = new Set([...local.values()].map((version) => version.id));
    const signedBy = commitsByRecordHash(this.id, commits, this.records.knownCommits(), this.state);
    const kept = new Set<string>();
    const rejected: string[] = [];
    let applied = 0;
    let fileBehind = false;
    const seen = new Set<string>();
    this.options.db.transaction(() => {
      for (const text of incoming) {
        const hash = recordHash(this.id, text);
        const same = local.get(hash);
        if (same) {
          // Exactly the version accepted here before.
          seen.add(same.id);
          if (same.commit === '') fileBehind = true;
          continue;
        }
        const record = parseRecord(text);
        if (!record) {
          rejected.push('A record in the file is malformed and was refused.');
          continue;
        }
        seen.add(record.id);
        const commit = signedBy.get(hash);
        const mine = this.records.versionOf(record.id);
        const prior = record.kind === 'secret' ? this.requireStores().secrets.replicaOf(record.id) : null;
        const problem = recordProblem(record, commit, this.state, prior);
        if (problem || !commit) {
          rejected.push(problem!);
          if (mine) fileBehind = true;
          continue;
        }
        this.clock.observe(record.clock);
        if (!kept.has(commit.id)) this.records.putCommit(commit);
        kept.add(commit.id);
        if (!mine || supersedes({ clock: record.clock, hash }, mine)) {
          if (mine) this.records.keepInHistory(JSON.parse(mine.text) as SignedRecord, mine.text);
          this.records.put(record, text, hash, commit.id);
          this.project(record);
          if (record.kind === 'secret' && record.body) received.set(record.id, record.body as SecretBody);
          applied++;
        } else {
          this.records.keepInHistory(record, text);
          fileBehind = true;
        }
      }
    })();
    for (const id of localIds) if (!seen.has(id)) fileBehind = true;
    return { applied, rejected, fileBehind };
  }

  private project(record: SignedRecord): void {
    const { secrets, workflows } = this.requireStores();
    if (record.kind === 'secret') {
      if (record.body === null) secrets.removeReplica(record.id);
      else {
        const { value, ...meta } = record.body as SecretBody;
        const sealedValue = encodeTeamValue(value);
        secrets.putReplica(record.id, { ...meta, hint: meta.hint ?? this.localHint(record.id, meta, sealedValue), sealedValue });
      }
    } else if (record.body === null) workflows.removeReplica(record.id);
    else workflows.putReplica(record.id, record.body as WorkflowBody);
  }

  /** The hint of a masked Restricted key, from its value, when this person may open it. */
  private localHint(id: string, meta: Omit<SecretBody, 'value'>, sealedValue: Buffer): string | null {
    if (meta.visibility !== 'masked' || meta.access.kind !== 'restricted' || !this.access.rights(meta).use) return null;
    try {
      return valueHint(this.sealer.open({ workspaceId: this.id, secretId: id, version: meta.valueVersion }, sealedValue), 'masked');
    } catch {
      return null; // not shared with this person yet
    }
  }

  private forgetValues(): void {
    const { secrets } = this.requireStores();
    for (const secret of secrets.replicas()) secrets.removeReplica(secret.id);
    this.records.forgetSecrets();
  }

  /** Signs this person's pending changes into one commit, then writes every record, commit and audit entry. */
  private writeFile(): void {
    const pending = this.records.pendingHashes();
    if (pending.length > 0) {
      const commit = signCommit(this.id, this.options.identity.keys, this.now().toISOString(), pending.map((row) => row.hash));
      this.records.markCommitted(commit, pending.map((row) => row.id));
    }
    const { records, commits } = this.records.forFile();
    const audit = this.requireStores().audit.records();
    const text =
      `{"magic":${JSON.stringify(WORKSPACE_FILE_MAGIC)},"format":${WORKSPACE_FILE_FORMAT},"workspaceId":${JSON.stringify(this.id)},` +
      `"chain":${JSON.stringify(this.chain)},"commits":[${commits.join(',')}],` +
      `"records":[${records.map((record) => JSON.stringify(record)).join(',')}],"audit":${JSON.stringify(audit)}}`;
    writeWorkspaceFile(this.filePath, text);
    this.lastSeen = statQuietly(this.filePath);
    this.markPublished(this.chain.length - 1);
  }

  /** Remembers the newest membership change seen in the file: an older file is refused from now on. */
  private markPublished(seq: number): void {
    this.published = { seq, hash: linkHash(this.chain[seq]!) };
    this.prepare('UPDATE workspaces SET published_seq = ?, published_hash = ? WHERE id = ?').run(seq, this.published.hash, this.id);
  }

  private saveChain(): void {
    this.prepare('UPDATE workspaces SET chain = ?, name = ? WHERE id = ?').run(JSON.stringify(this.chain), this.state.name, this.id);
  }

  private requireStores(): TeamStores {
    if (!this.stores) throw new Error('The team workspace is not attached to its stores.');
    return this.stores;
  }
}

/**
 * A secret's record body. The hint of a Restricted key stays out of the shared file —
 * someone with the file but no grant would read it — and each machine that may use the
 * key derives it from the value instead.
 */
function secretBody(replica: ReturnType<SecretStore['replicaOf']> & object): SecretBody {
  const { sealedValue, ...meta } = replica;
  return { ...meta, hint: meta.access.kind === 'restricted' ? null : meta.hint, value: decodeTeamValue(sealedValue) };
}

function statQuietly(path: string): { mtimeMs: number; size: number } | null {
  try {
    const { mtimeMs, size } = statSync(path);
    return { mtimeMs, size };
  } catch {
    return null;
  }
}

function insertRow(db: Db, id: string, name: string, filePath: string, chain: readonly ChainLink[], head: ChainHead): void {
  db.prepare("INSERT INTO workspaces (id, name, kind, created_at, file_path, chain, published_seq, published_hash) VALUES (?, ?, 'team', ?, ?, ?, ?, ?)")
    .run(id, name, new Date().toISOString(), filePath, JSON.stringify(chain), head.seq, head.hash);
}
