/**
 * A team workspace on this machine: its signed state (team-repository.ts), what counts
 * of it (workspace-evaluation.ts), the membership commands of its Admins, and the record
 * of every local change to its keys and workflows, which its sync (workspace-sync.ts)
 * signs and writes to the shared file.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { BridgeError } from '../../../shared/bridge/errors';
import {
  DEFAULT_SETTINGS,
  secretRights,
  valueHint,
  type Member,
  type RemovalPreview,
  type Role,
  type SecretAccess,
  type SyncStatus,
  type Visibility,
  type WorkspaceSettings,
} from '../../../shared/model/team';
import type { Db } from '../db/database';
import { KeyUnwrapper, KeyWrapper } from '../crypto/key-wrap';
import type { Identity } from '../identity/identity';
import { parseIdentityText } from '../identity/identity-text';
import { newId } from '../ids';
import type { Logger } from '../logger';
import { AuditLog } from '../audit/audit-log';
import { SecretReplicas, type ReplicaValue, type SecretReplica } from '../secrets/secret-replicas';
import type { SecretLedger } from '../secrets/secret-store';
import { WorkflowReplicas } from '../workflows/workflow-replicas';
import { EnvironmentRows } from '../environments/environment-rows';
import { VariableRows } from '../environments/variable-rows';
import type { EnvironmentChange } from '../environments/environment-change';
import type { EnvironmentLedger } from '../environments/environment-store';
import type { VariableLedger } from '../environments/variable-store';
import { WorkspaceAccess } from '../access/workspace-access';
import { genesisLink, signLink, type ChainChange, type ChainLink, type SeenByRevoker } from './chain/chain-link';
import { deviceLoser, losersOf, resolveChain, type ResolvedChain } from './chain/chain-resolver';
import type { ChainSnapshot } from './chain/chain-state';
import { applyToDraft, changeProblem } from './chain/change-rules';
import { HybridClock } from './hybrid-clock';
import { MAX_CLOCK_AHEAD_MS, signerName } from './records/record-rules';
import { verifiedLinks } from './ingest';
import { project } from './projection';
import { recordHash, signCommit, type Commit, type SignedRecord } from './records/signed-records';
import type { EnvironmentValue, SecretBody, VariableBody, WorkflowBody } from './records/record-bodies';
import { decodeTeamValue, TeamSealer } from './team-values';
import { TeamRepository } from './team-repository';
import { evaluateWorkspace, VersionIndex, type WorkspaceEvaluation } from './workspace-evaluation';
import { readFileSafely, writeFileAtomically } from './file/file-io';
import { parseWorkspaceFile, serializeWorkspaceFile, WorkspaceFileError, WORKSPACE_FILE_EXTENSION, WORKSPACE_FILE_FORMAT, type WorkspaceFile } from './file/workspace-file';
import { WorkspaceSync, type FileAsRead } from './workspace-sync';

export interface TeamWorkspaceOptions {
  db: Db;
  identity: Identity;
  logger: Logger;
  now?: () => Date;
  /** How often the file is checked when no change was noticed (the watcher's backstop). */
  pollIntervalMs?: number;
  /** A sync brought changes from other members. */
  onRemoteChange?: () => void;
  /** A key's value is about to be replaced or removed by a sync (the session retires it: runs keep masking it). */
  onValueRetiring?: (secretId: string, environmentId?: string) => void;
}

interface WorkspaceRow {
  id: string;
  name: string;
  file_path: string;
  sync_status: string | null;
}

type RecordBody = SecretBody | WorkflowBody | VariableBody;

/** A version of a record made here: its text and the hash a commit lists. */
interface MadeVersion {
  record: SignedRecord;
  text: string;
  hash: string;
}

const NEVER_SYNCED: SyncStatus = { state: 'synced', at: null, problem: null, rejected: [], removedBy: null };

export class TeamWorkspace implements SecretLedger, EnvironmentLedger, VariableLedger {
  readonly id: string;
  readonly filePath: string;
  readonly access: WorkspaceAccess;
  readonly sealer: TeamSealer;
  readonly audit: AuditLog;
  readonly secretReplicas: SecretReplicas;
  readonly workflowReplicas: WorkflowReplicas;
  readonly environmentRows: EnvironmentRows;
  readonly variableRows: VariableRows;
  readonly repository: TeamRepository;
  readonly commits: Map<string, Commit>;
  readonly versions: VersionIndex;
  readonly clock: HybridClock;
  readonly now: () => Date;
  private readonly sync: WorkspaceSync;
  private evaluation: WorkspaceEvaluation | null = null;
  private unwrapper: KeyUnwrapper | null = null;

  private constructor(
    readonly options: TeamWorkspaceOptions,
    row: WorkspaceRow,
  ) {
    this.id = row.id;
    this.filePath = row.file_path;
    this.now = options.now ?? (() => new Date());
    this.repository = new TeamRepository(options.db, row.id);
    this.commits = this.repository.commits();
    this.versions = new VersionIndex(this.commits);
    for (const version of this.repository.versions()) this.versions.add(version);
    this.clock = new HybridClock(options.identity.memberId, () => this.now().getTime(), MAX_CLOCK_AHEAD_MS);
    for (const held of this.versions.byHash.values()) if (held.record.author === options.identity.memberId) this.clock.observe(held.record.clock);
    this.access = new WorkspaceAccess(
      () => this.chain.final,
      () => this.me,
    );
    this.sealer = new TeamSealer(this.access, () => {
      const keys = options.identity.keys;
      return (this.unwrapper ??= new KeyUnwrapper(keys.memberId, keys.boxKey, keys.boxPrivate));
    });
    this.secretReplicas = new SecretReplicas(options.db, row.id);
    this.workflowReplicas = new WorkflowReplicas(options.db, row.id);
    this.environmentRows = new EnvironmentRows(options.db, row.id);
    this.variableRows = new VariableRows(options.db, row.id);
    this.audit = new AuditLog(options.db, {
      workspaceId: row.id,
      keys: () => options.identity.keys,
      nameOf: (id) => this.nameOf(id),
      context: () => this.chain.headIds(),
      now: this.now,
      onAppended: () => this.sync.schedule(),
    });
    this.sync = new WorkspaceSync(this, row.sync_status ? { ...NEVER_SYNCED, ...(JSON.parse(row.sync_status) as SyncStatus) } : NEVER_SYNCED);
  }

  // --- Creating, opening, loading -----------------------------------------------------

  /** Creates `<folder>/<name>.keyflow` with this person as its Owner. */
  static create(options: TeamWorkspaceOptions, folder: string, name: string): TeamWorkspace {
    const trimmed = name.trim();
    if (!trimmed) throw new BridgeError('invalid_request', 'Name is required.', 'name');
    if (/[\\/:*?"<>|\p{Cc}]/u.test(trimmed)) throw new BridgeError('invalid_request', 'Name cannot contain \\ / : * ? " < > | or control characters (it names the file).', 'name');
    if (!isAbsolute(folder)) throw new BridgeError('invalid_request', 'Give the full path of the folder (for example /home/ann/Dropbox/Team).', 'folder');
    let isFolder = false;
    try {
      isFolder = statSync(folder).isDirectory();
    } catch {
      // reported below
    }
    if (!isFolder) throw new BridgeError('invalid_request', `The folder ${folder} does not exist.`, 'folder');
    const filePath = join(folder, `${trimmed}${WORKSPACE_FILE_EXTENSION}`);
    if (existsSync(filePath)) throw new BridgeError('conflict', `${basename(filePath)} already exists in that folder: open it instead.`, 'name');
    const { identity, db } = options;
    const id = newId('ws');
    const genesis = genesisLink(identity.keys, identity.publicIdentity(), id, trimmed, DEFAULT_SETTINGS, new Date().toISOString());
    writeFileAtomically(
      filePath,
      serializeWorkspaceFile({ format: WORKSPACE_FILE_FORMAT, workspaceId: id, genesis: genesis.id, chain: [genesis.stored], commits: [], records: [], audit: [] }),
    );
    insertRow(db, id, trimmed, filePath, genesis.id);
    new TeamRepository(db, id).putLink(genesis);
    return TeamWorkspace.load(options, id);
  }

  /** Opens an existing workspace file this person is a member of; returns its id and the file as read. */
  static async open(options: TeamWorkspaceOptions, path: string): Promise<{ id: string; read: FileAsRead }> {
    if (!isAbsolute(path)) throw new BridgeError('invalid_request', 'Give the full path of the workspace file (for example /home/ann/Dropbox/Team/Acme.keyflow).', 'path');
    const read = await readFileSafely(path);
    if (read.kind === 'absent') throw new BridgeError('invalid_request', `The workspace file ${path} does not exist (was it moved, or not synced to this machine yet?).`, 'path');
    if (read.kind === 'problem') throw new BridgeError('invalid_request', read.message, 'path');
    let file: WorkspaceFile;
    try {
      file = parseWorkspaceFile(read.text, basename(path));
    } catch (error) {
      if (error instanceof WorkspaceFileError) throw new BridgeError('invalid_request', error.message, 'path');
      throw error;
    }
    const { links } = verifiedLinks(file.workspaceId, file.chain, new Set());
    const chain = resolveChain(links, file.genesis);
    if (chain.verdict(file.genesis) !== null)
      throw new BridgeError('invalid_request', `${basename(path)} is damaged: the change that created the workspace is missing or invalid.`, 'path');
    const existing = options.db.prepare<[string], { file_path: string | null }>('SELECT file_path FROM workspaces WHERE id = ?').get(file.workspaceId);
    if (existing) {
      throw new BridgeError('conflict', `This workspace is already open here${existing.file_path && existing.file_path !== path ? ` (from ${existing.file_path})` : ''}.`, 'path');
    }
    if (chain.final.memberIdOf(options.identity.memberId) === undefined) {
      throw new BridgeError(
        'forbidden',
        `You are not a member of “${chain.final.name}” yet. Share your identity (Your identity ▸ Share) with one of its Admins — if you are a member on another machine, ask them to add it as a device of you — and open the file again once they have.`,
        'path',
      );
    }
    insertRow(options.db, file.workspaceId, chain.final.name, path, file.genesis);
    return { id: file.workspaceId, read: { file, text: read.text, hash: read.hash } };
  }

  static load(options: TeamWorkspaceOptions, id: string): TeamWorkspace {
    const row = options.db.prepare<[string], WorkspaceRow>("SELECT id, name, file_path, sync_status FROM workspaces WHERE id = ? AND kind = 'team'").get(id);
    if (!row) throw new BridgeError('not_found', 'That workspace is not open on this machine.', 'id');
    return new TeamWorkspace(options, row);
  }

  /** The file as just read by `open`: the first sync uses it instead of reading it again. */
  preload(read: FileAsRead): void {
    this.sync.preload(read);
  }

  startWatching(): void {
    this.sync.startWatching(this.options.pollIntervalMs ?? 15_000);
  }

  close(): Promise<void> {
    return this.sync.close();
  }

  // --- What the handlers read --------------------------------------------------------

  get membership(): ChainSnapshot {
    return this.chain.final;
  }

  get resolved(): ResolvedChain {
    return this.chain;
  }

  get syncStatus(): SyncStatus {
    return this.sync.status;
  }

  /** A past or present member's name, from their id or a device's (audit entries outlive memberships). */
  nameOf(id: string): string {
    return signerName(this.chain.final, id);
  }

  /** The member this machine acts as: the one whose current device it is; '' once it is none's (removed, or its device was). */
  get me(): string {
    return this.chain.final.memberIdOf(this.deviceId) ?? '';
  }

  /** This machine's device: its identity, which signs what it writes. */
  get deviceId(): string {
    return this.options.identity.memberId;
  }

  /** Reads, verifies and merges the file and its conflicted copies, and writes back what the file lacks. */
  syncNow(): Promise<SyncStatus> {
    return this.sync.run();
  }

  scheduleSync(delayMs?: number): void {
    this.sync.schedule(delayMs);
  }

  // --- Local changes to keys and workflows (SecretLedger) -----------------------------

  creating(id: string, access: SecretAccess, visibility: Visibility): void {
    this.signChanges([{ type: 'create-key', keyId: id, access, visibility }]);
  }

  changingAccess(id: string, access: SecretAccess): void {
    this.signChanges([{ type: 'set-access', keyId: id, access }]);
  }

  deleting(id: string): void {
    this.signChanges([{ type: 'delete-key', keyId: id }]);
  }

  /** A key's row changed here: its new version is recorded, to be signed when the file is written. */
  changed(id: string): void {
    const replica = this.secretReplicas.replicaOf(id);
    if (replica) this.recordVersion('secret', id, secretBody(replica));
  }

  workflowChanged(id: string): void {
    this.recordVersion('workflow', id, this.workflowReplicas.replicaOf(id));
  }

  /** A variable's row changed (or it was deleted) here: its new version is recorded. */
  variableChanged(id: string): void {
    const row = this.variableRows.get(id);
    this.recordVersion('variable', id, row && { name: row.name, values: row.values, createdAt: row.createdAt, updatedAt: row.updatedAt });
  }

  /** Environment changes are chain changes (only Owners and Admins make them); the rows follow from the chain. */
  changeEnvironments(changes: EnvironmentChange[]): void {
    this.signChanges(changes);
    this.refresh();
  }

  /** A new version of a record by this person; it is signed (in a commit) when the file is written. */
  recordVersion(kind: SignedRecord['kind'], id: string, body: RecordBody | null): void {
    this.keepVersion(this.madeVersion(kind, id, body), null);
    this.sync.schedule();
  }

  /**
   * New versions this machine makes of its own accord (values re-keyed), signed at once in
   * one commit: each row is written once, already signed, instead of written and then updated.
   */
  private recordSignedVersions(versions: readonly { id: string; body: SecretBody }[]): void {
    if (versions.length === 0) return;
    const made = versions.map(({ id, body }) => this.madeVersion('secret', id, body));
    const commit = signCommit(
      this.id,
      this.options.identity.keys,
      this.now().toISOString(),
      this.chain.headIds(),
      made.map(({ hash }) => hash),
    );
    this.repository.putCommit(commit);
    this.commits.set(commit.id, commit);
    for (const version of made) this.keepVersion(version, commit);
    this.sync.schedule();
  }

  private madeVersion(kind: SignedRecord['kind'], id: string, body: RecordBody | null): MadeVersion {
    const record: SignedRecord = { id, kind, clock: this.clock.tick(), author: this.deviceId, body: body as Record<string, unknown> | null };
    const text = JSON.stringify(record);
    return { record, text, hash: recordHash(this.id, text) };
  }

  /** Stores a version made here, signed by `commit` or (null) waiting to be signed when the file is written. */
  private keepVersion({ record, text, hash }: MadeVersion, commit: Commit | null): void {
    const row = {
      hash,
      id: record.id,
      kind: record.kind,
      clock: record.clock,
      author: this.deviceId,
      commit: commit?.id ?? '',
      text,
      context: commit ? null : this.chain.headIds(),
    };
    this.repository.putVersion(row);
    const held = this.versions.add(row, record);
    if (held) this.evaluation?.winners.set(record.id, held);
  }

  // --- Membership --------------------------------------------------------------------

  /**
   * Signs `changes` into a new link on top of every link held here. A change that takes
   * rights away names what its author had seen of each device losing them (all of a
   * member's, or the one removed), so what they did at the same time doesn't count
   * (chain-resolver.ts).
   */
  signChanges(changes: ChainChange[]): ChainLink {
    const before = this.chain.final;
    const draft = before.draft();
    for (const change of changes) {
      const problem = changeProblem(draft, this.deviceId, change);
      if (problem) throw new BridgeError('forbidden', problem);
      applyToDraft(draft, this.deviceId, this.now().toISOString(), change);
    }
    const seen: SeenByRevoker = {};
    for (const loser of losersOf(before, draft, changes)) {
      const devices = loser.startsWith(deviceLoser(''))
        ? [loser.slice(deviceLoser('').length)]
        : [...before.everDevices].filter(([, device]) => device.memberId === loser).map(([id]) => id);
      for (const deviceId of devices) seen[deviceId] = this.seenOf(deviceId);
    }
    const link = signLink(this.id, this.options.identity.keys, this.chain.headIds(), changes, this.now().toISOString(), seen);
    this.repository.putLink(link);
    this.chain.extend(link);
    this.sync.schedule(0);
    return link;
  }

  /** What this machine holds of a device's work: its commits, and the newest entries of its audit trail. */
  private seenOf(deviceId: string): SeenByRevoker[string] {
    const commits = new Set<string>();
    for (const held of this.versions.byHash.values()) if (held.record.author === deviceId && held.row.commit) commits.add(held.row.commit);
    const entries = this.audit.all().filter(({ entry }) => entry.author === deviceId);
    const top = Math.max(0, ...entries.map(({ entry }) => entry.seq));
    return {
      commits: [...commits].sort(),
      audit: entries
        .filter(({ entry }) => entry.seq === top)
        .map(({ hash }) => hash)
        .sort(),
    };
  }

  private changeMembership(change: ChainChange): void {
    this.signChanges([change]);
    this.refresh();
  }

  addMember(identityText: string, role: Role): Member {
    this.access.requireAdmin('add members');
    const { fingerprint: _fingerprint, ...member } = parseIdentityText(identityText);
    this.changeMembership({ type: 'add-member', member, role });
    return this.chain.final.members.get(member.memberId)!;
  }

  /** Adds the identity in `identityText` (made on the person's new machine) as a device of a member: after the next sync it acts as them. */
  addDevice(memberId: string, identityText: string): void {
    this.access.requireAdmin('add devices');
    const { fingerprint: _fingerprint, ...device } = parseIdentityText(identityText);
    this.changeMembership({ type: 'add-device', memberId, device });
  }

  /**
   * Removes one of a member's devices: what it signs from now on (or signed at the same time,
   * unseen) doesn't count, and every value it could open is re-keyed for the devices that remain.
   */
  removeDevice(memberId: string, deviceId: string): void {
    this.access.requireAdmin('remove devices');
    if (deviceId === this.deviceId)
      throw new BridgeError('invalid_request', 'You can’t remove the device you are using: remove it from another of your devices, or ask an Admin.', 'deviceId');
    this.changeMembership({ type: 'remove-device', memberId, deviceId });
  }

  setRole(memberId: string, role: Role): void {
    this.access.requireAdmin('change roles');
    this.changeMembership({ type: 'set-role', memberId, role });
  }

  saveGroup(id: string | undefined, name: string, memberIds: string[]): void {
    this.access.requireAdmin('manage groups');
    const trimmed = name.trim();
    if (!trimmed) throw new BridgeError('invalid_request', 'Group name is required.', 'name');
    const groups = this.chain.final.groups;
    const clash = [...groups.values()].find((group) => group.name.toLowerCase() === trimmed.toLowerCase() && group.id !== id);
    if (clash) throw new BridgeError('conflict', `A group named “${clash.name}” already exists.`, 'name');
    if (id && !groups.has(id)) throw new BridgeError('not_found', 'That group no longer exists.', 'id');
    this.changeMembership({ type: 'save-group', group: { id: id ?? newId('grp'), name: trimmed, memberIds: [...new Set(memberIds)].sort() } });
  }

  deleteGroup(id: string): void {
    this.access.requireAdmin('manage groups');
    this.changeMembership({ type: 'delete-group', groupId: id });
  }

  setSettings(settings: WorkspaceSettings): void {
    this.access.requireAdmin('change workspace settings');
    this.changeMembership({ type: 'set-settings', settings });
  }

  previewRemoval(memberId: string, usage: (secretId: string) => { workflowId: string; workflowName: string }[]): RemovalPreview {
    this.access.requireAdmin('remove members');
    const state = this.chain.final;
    const member = state.members.get(memberId);
    if (!member) throw new BridgeError('not_found', 'That person is not a member of this workspace.', 'memberId');
    const groups = [...state.groups.values()];
    const deletes: RemovalPreview['deletes'] = [];
    const rotates: RemovalPreview['rotates'] = [];
    const names = this.secretReplicas.names();
    for (const [id, key] of state.liveKeys()) {
      const name = names.get(id);
      if (name === undefined) continue;
      if (key.createdById === memberId) {
        const usedBy = new Map(usage(id).map((use) => [use.workflowId, use]));
        deletes.push({ id, name, usedBy: [...usedBy.values()] });
      } else if (secretRights(member.role, memberId, key, groups).use) {
        rotates.push({ id, name });
      }
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    return { member, deletes: deletes.sort(byName), rotates: rotates.sort(byName) };
  }

  /**
   * Removes a member: the secret keys they created are deleted (`deleteKey`, the store's
   * delete, records each), then the removal is signed, and every value they could use is
   * re-keyed for the remaining members. What they did before the removal stays as it was.
   */
  removeMember(memberId: string, usage: (secretId: string) => { workflowId: string; workflowName: string }[], deleteKey: (id: string) => void): RemovalPreview['rotates'] {
    const preview = this.previewRemoval(memberId, usage);
    if (memberId === this.me) throw new BridgeError('invalid_request', 'You can’t remove yourself; ask another Owner or Admin.', 'memberId');
    for (const secret of preview.deletes) deleteKey(secret.id);
    this.adoptLegacyRecordsOf(memberId);
    this.changeMembership({ type: 'remove-member', memberId });
    return preview.rotates;
  }

  /**
   * Format 1 records were judged by the chain as it is now, so those a removed member last
   * signed would stop counting: they are signed again, by the Admin removing them.
   */
  private adoptLegacyRecordsOf(memberId: string): void {
    for (const [id, held] of this.currentEvaluation().winners) {
      const body = held.body;
      if (held.legacy && held.record.author === memberId && body && body.kind !== 'tombstone') this.recordVersion(held.record.kind, id, body.body);
    }
  }

  // --- Evaluating what counts --------------------------------------------------------

  /** What counts now, evaluated once per change of what is held here. */
  currentEvaluation(): WorkspaceEvaluation {
    return (this.evaluation ??= evaluateWorkspace({
      links: this.repository.links(),
      genesisId: this.repository.genesisId(),
      versions: this.versions,
      commits: this.commits,
      me: this.deviceId,
      nowMs: this.now().getTime(),
    }));
  }

  /** Something new was stored (links, commits, versions): evaluate again when next asked. */
  invalidate(): void {
    this.evaluation = null;
  }

  /** The chain resolved (with everything held here evaluated). */
  private get chain(): ResolvedChain {
    return this.currentEvaluation().chain;
  }

  /**
   * Brings the local tables in line with what counts, then does what falls to this person:
   * keys of a format 1 file carried into the chain (Owners and Admins), values re-addressed
   * to exactly who may use them. Returns whether anything changed.
   */
  refresh(): boolean {
    let evaluation = this.currentEvaluation();
    for (const held of evaluation.winners.values()) this.clock.observe(held.record.clock);
    if (!this.chain.final.members.has(this.me)) return this.forgetValues();
    if (this.adoptLegacyKeys()) evaluation = this.currentEvaluation();
    const changed = this.repository.transaction(() => project(evaluation, this.projectionTargets()));
    const rekeyed = this.rekey(evaluation);
    this.audit.setCounted(this.sync.countedAudit(this.chain));
    return changed || rekeyed;
  }

  /** Owners and Admins write the keys of a format 1 file into the chain once. */
  private adoptLegacyKeys(): boolean {
    const state = this.chain.final;
    const me = state.members.get(this.me);
    if (!me || (me.role !== 'owner' && me.role !== 'admin')) return false;
    const changes: ChainChange[] = [];
    for (const [id, key] of state.liveKeys()) {
      if (state.inChain(id)) continue;
      changes.push({ type: 'adopt-key', keyId: id, createdById: key.createdById, createdAt: key.createdAt, access: key.access, visibility: key.visibility });
    }
    if (changes.length === 0) return false;
    this.signChanges(changes);
    this.evaluation = null;
    return true;
  }

  /**
   * Values this person manages that aren't wrapped for exactly the members who may use them
   * now (the key, in their environment) get re-addressed — every environment's value; one
   * that someone lost access to gets a new data key. A value this person can't open (a
   * protected environment they may not run in) is left to a manager who can.
   */
  private rekey(evaluation: WorkspaceEvaluation): boolean {
    const state = this.chain.final;
    const wrapper = new KeyWrapper();
    const readdressed: { id: string; body: SecretBody }[] = [];
    this.repository.transaction(() => {
      for (const [id, held] of evaluation.winners) {
        if (held.body?.kind !== 'secret') continue;
        const key = state.key(id);
        if (!key || key.deleted || !state.rightsOn(this.me, id).manage) continue;
        const { body } = held.body;
        const secret = { access: key.access, createdById: key.createdById };
        const values: Record<string, EnvironmentValue> = { ...body.values };
        let changed = false;
        for (const [environmentId, entry] of Object.entries(body.values)) {
          if (!('value' in entry) || !state.environments.has(environmentId) || this.sealer.addressedCorrectly(entry.value, secret, environmentId)) continue;
          try {
            const context = { workspaceId: this.id, secretId: id, version: entry.valueVersion, environmentId };
            values[environmentId] = { ...entry, value: this.sealer.readdress(context, entry.value, secret, wrapper) };
            changed = true;
          } catch (error) {
            this.options.logger.error(`can't re-key ${id} in ${environmentId}`, error);
          }
        }
        if (changed) readdressed.push({ id, body: { ...body, values } });
      }
      if (readdressed.length === 0) return;
      this.recordSignedVersions(readdressed);
      project(evaluation, this.projectionTargets(), new Set(readdressed.map(({ id }) => id)));
    });
    return readdressed.length > 0;
  }

  private projectionTargets() {
    return {
      secrets: this.secretReplicas,
      workflows: this.workflowReplicas,
      environments: this.environmentRows,
      variables: this.variableRows,
      localHint: (id: string, environmentId: string, value: ReplicaValue) => this.localHint(id, environmentId, value),
      retiring: (id: string, environmentId?: string) => this.options.onValueRetiring?.(id, environmentId),
    };
  }

  /** The hint of a masked Restricted key's value in an environment, from the value, when this person may open it. */
  private localHint(id: string, environmentId: string, value: ReplicaValue): string | null {
    if (!value.sealedValue) return null;
    try {
      return valueHint(this.sealer.open({ workspaceId: this.id, secretId: id, version: value.valueVersion, environmentId }, value.sealedValue), 'masked');
    } catch {
      return null; // not shared with this person (yet)
    }
  }

  /** A person removed from the workspace keeps no copy of its values. */
  private forgetValues(): boolean {
    const had = this.secretReplicas.sources().size > 0;
    this.options.db.transaction(() => {
      this.secretReplicas.removeAll();
      this.repository.forgetSecretVersions();
    })();
    this.versions.forgetSecrets();
    this.evaluation = null;
    return had;
  }
}

/**
 * A secret's record body, from its row. The hint of a Restricted key stays out of the
 * shared file — someone with the file but no grant would read it — and each machine that
 * may use the key derives it from the value instead.
 */
function secretBody(replica: SecretReplica): SecretBody {
  const values: Record<string, EnvironmentValue> = {};
  for (const [environmentId, value] of Object.entries(replica.values)) {
    values[environmentId] = value.sealedValue
      ? { valueVersion: value.valueVersion, hint: replica.access.kind === 'restricted' ? null : value.hint, value: decodeTeamValue(value.sealedValue) }
      : { valueVersion: value.valueVersion, source: value.source };
  }
  return {
    name: replica.name,
    description: replica.description,
    type: replica.type,
    allowedDomains: replica.allowedDomains,
    ...(replica.readableByRunCode ? { readableByRunCode: true } : {}),
    updatedBy: replica.updatedBy,
    updatedAt: replica.updatedAt,
    ...(replica.expiresAt === null ? {} : { expiresAt: replica.expiresAt }),
    ...(replica.rotationDays === null ? {} : { rotationDays: replica.rotationDays }),
    values,
  };
}

function insertRow(db: Db, id: string, name: string, filePath: string, genesisId: string): void {
  db.prepare("INSERT INTO workspaces (id, name, kind, created_at, file_path, genesis_id) VALUES (?, ?, 'team', ?, ?, ?)").run(
    id,
    name,
    new Date().toISOString(),
    filePath,
    genesisId,
  );
}
