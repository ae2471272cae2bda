/**
 * What the membership chain says at any point of its graph. Every fact (a member's role,
 * a group's members, a setting, a key's access) is a register written by the links that
 * changed it. At a point of the graph, a register holds the writes at or before that point
 * that no later write there replaced; when two links changed the same fact at the same time,
 * the register keeps both and a fixed rule decides — always the one that grants less:
 * a removal beats a concurrent role change, the lower of two roles wins, a revoked grant
 * beats a concurrent grant, a deletion beats a concurrent edit, a setting that allows less
 * wins. No hash, clock or name decides a right, so nothing an author can grind does either.
 */
import {
  secretRights,
  type Grant,
  type GrantLevel,
  type Group,
  type Member,
  type MemberDevice,
  type PublicIdentity,
  type Role,
  type SecretAccess,
  type SecretRights,
  type Visibility,
  type WorkspaceSettings,
} from '../../../../shared/model/team';
import { DEFAULT_ENVIRONMENT_ID, DEFAULT_ENVIRONMENT_NAME, mayRunIn, nameKey, type Principal } from '../../../../shared/model/environment';
import type { ChainChange } from './chain-link';
import { LinkSet, type ChainGraph } from './chain-graph';
import { applyEnvironmentChange } from '../../environments/environment-change';
import type { EnvironmentRow } from '../../environments/environment-rows';

interface Write<T> {
  link: number;
  value: T;
}

/** The writes of one fact, in the order links were applied. */
class Register<T> {
  readonly writes: Write<T>[] = [];

  write(link: number, value: T): void {
    const last = this.writes.at(-1);
    if (last?.link === link)
      last.value = value; // a later change of the same link replaces its earlier one
    else this.writes.push({ link, value });
  }

  /** The writes visible at `past` that no other visible write replaced. */
  current(graph: ChainGraph, past: LinkSet): T[] {
    // Most facts (a key's creation, its access) were written once.
    if (this.writes.length === 1) return past.has(this.writes[0]!.link) ? [this.writes[0]!.value] : [];
    const visible = this.writes.filter((write) => past.has(write.link));
    if (visible.length <= 1) return visible.map((write) => write.value);
    return visible.filter((write) => !visible.some((other) => other.link !== write.link && graph.atOrBefore(write.link, other.link))).map((write) => write.value);
  }
}

type Membership = { in: true; role: Role } | { in: false };

/** A device as the link that added it says: whose it is, its keys, when and by whom. */
interface DeviceFacts extends MemberDevice {
  memberId: string;
}

/** Who is in the workspace at a point, and with which devices. */
export interface MembershipAt {
  members: Map<string, Member>;
  everMembers: Map<string, PublicIdentity>;
  /** Each current member's current devices, first device first. */
  devices: Map<string, MemberDevice[]>;
  /** Every device ever added here (removed ones too), with its member. */
  everDevices: Map<string, { memberId: string; name: string }>;
}

export interface KeyFacts {
  createdById: string;
  createdAt: string;
  visibility: Visibility;
}

export interface KeyInfo extends KeyFacts {
  access: SecretAccess;
  deleted: boolean;
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };
const lowestRole = (roles: Role[]): Role => roles.reduce((a, b) => (ROLE_RANK[a] <= ROLE_RANK[b] ? a : b));
const lowestLevel = (levels: (GrantLevel | null)[]): GrantLevel | null => (levels.includes(null) ? null : levels.includes('use') ? 'use' : (levels[0] ?? null));

export function roleRank(role: Role): number {
  return ROLE_RANK[role];
}

/** Every register of a workspace's membership, filled by the links the resolver accepts. */
export class ChainRegisters {
  workspaceName = '';
  private readonly membership = new Map<string, Register<Membership>>();
  private readonly identities = new Map<string, Register<PublicIdentity>>();
  private readonly deviceFacts = new Map<string, Register<DeviceFacts>>();
  private readonly deviceIn = new Map<string, Register<boolean>>();
  private readonly groupAlive = new Map<string, Register<boolean>>();
  private readonly groupName = new Map<string, Register<string>>();
  private readonly groupMembers = new Map<string, Map<string, Register<boolean>>>();
  private readonly settings = new Register<WorkspaceSettings>();
  private readonly keyFacts = new Map<string, Register<KeyFacts>>();
  private readonly keyRestricted = new Map<string, Register<boolean>>();
  private readonly keyGrants = new Map<string, Map<string, Register<GrantLevel | null>>>();
  private readonly keyDeleted = new Map<string, Register<boolean>>();
  private readonly environmentAlive = new Map<string, Register<boolean>>();
  private readonly environmentName = new Map<string, Register<string>>();
  private readonly environmentProtected = new Map<string, Register<boolean>>();
  private readonly environmentGrants = new Map<string, Map<string, Register<boolean>>>();
  private readonly environmentOrder = new Register<string[]>();

  /**
   * @param legacyKeys keys of format 1 files not yet adopted into the chain, with the
   * creator, access and visibility their records carried.
   */
  constructor(
    readonly graph: ChainGraph,
    private readonly legacyKeys: ReadonlyMap<string, KeyInfo> = new Map(),
  ) {}

  /** The state at the point of the graph where exactly the links in `past` have happened. */
  at(past: LinkSet): ChainSnapshot {
    return new ChainSnapshot(this, past);
  }

  atHeads(indexes: readonly number[]): ChainSnapshot {
    return this.at(this.graph.pastOf(indexes));
  }

  /** Records the effects of `change`, made by link `link` on top of `before` (the state at its parents plus its earlier changes). */
  apply(link: number, author: string, at: string, change: ChainChange, before: StateView): void {
    switch (change.type) {
      case 'create':
        this.workspaceName = change.name;
        register(this.identities, change.owner.memberId).write(link, change.owner);
        register(this.membership, change.owner.memberId).write(link, { in: true, role: 'owner' });
        this.writeDevice(link, change.owner.memberId, change.owner, at, change.owner.memberId);
        this.settings.write(link, change.settings);
        break;
      case 'add-member':
        register(this.identities, change.member.memberId).write(link, change.member);
        register(this.membership, change.member.memberId).write(link, { in: true, role: change.role });
        this.writeDevice(link, change.member.memberId, change.member, at, before.memberIdOf(author) ?? author);
        break;
      case 'set-role':
        register(this.membership, change.memberId).write(link, { in: true, role: change.role });
        break;
      case 'remove-member':
        register(this.membership, change.memberId).write(link, { in: false });
        // Their devices go with them: adding them again brings back only the identity they are added with.
        for (const device of before.devices.get(change.memberId) ?? []) register(this.deviceIn, device.deviceId).write(link, false);
        break;
      case 'add-device':
        this.writeDevice(link, change.memberId, change.device, at, before.memberIdOf(author) ?? author);
        break;
      case 'remove-device':
        register(this.deviceIn, change.deviceId).write(link, false);
        break;
      case 'save-group': {
        const { id, name, memberIds } = change.group;
        register(this.groupAlive, id).write(link, true);
        if (before.groups.get(id)?.name !== name) register(this.groupName, id).write(link, name);
        const members = nested(this.groupMembers, id);
        const wanted = new Set(memberIds);
        const had = new Set(before.groups.get(id)?.memberIds ?? []);
        for (const memberId of wanted) if (!had.has(memberId)) register(members, memberId).write(link, true);
        for (const memberId of had) if (!wanted.has(memberId)) register(members, memberId).write(link, false);
        break;
      }
      case 'delete-group':
        register(this.groupAlive, change.groupId).write(link, false);
        break;
      case 'set-settings':
        this.settings.write(link, change.settings);
        break;
      case 'create-key':
        register(this.keyFacts, change.keyId).write(link, { createdById: before.memberIdOf(author) ?? author, createdAt: at, visibility: change.visibility });
        register(this.keyDeleted, change.keyId).write(link, false);
        this.writeAccess(link, change.keyId, change.access, null);
        break;
      case 'set-access':
        this.writeAccess(link, change.keyId, change.access, before.key(change.keyId)?.access ?? null);
        break;
      case 'delete-key':
        register(this.keyDeleted, change.keyId).write(link, true);
        break;
      case 'adopt-key':
        register(this.keyFacts, change.keyId).write(link, { createdById: change.createdById, createdAt: change.createdAt, visibility: change.visibility });
        register(this.keyDeleted, change.keyId).write(link, false);
        this.writeAccess(link, change.keyId, change.access, null);
        break;
      case 'create-environment':
        register(this.environmentAlive, change.environmentId).write(link, true);
        register(this.environmentName, change.environmentId).write(link, change.name);
        break;
      case 'rename-environment':
        register(this.environmentName, change.environmentId).write(link, change.name);
        break;
      case 'delete-environment':
        register(this.environmentAlive, change.environmentId).write(link, false);
        break;
      case 'order-environments':
        this.environmentOrder.write(link, change.order);
        break;
      case 'protect-environment': {
        const was = before.environmentList.find((environment) => environment.id === change.environmentId);
        // Every protection change states the protection it wants: written each time, so a concurrent unprotection meets it (and loses).
        register(this.environmentProtected, change.environmentId).write(link, change.protected);
        // Grants are recorded as what changed, so a concurrent grant and revocation combine (the revocation wins).
        const grants = nested(this.environmentGrants, change.environmentId);
        const wanted = new Set(change.runGrants.map(principalText));
        const had = new Set((was?.runGrants ?? []).map(principalText));
        for (const principal of wanted) if (!had.has(principal)) register(grants, principal).write(link, true);
        for (const principal of had) if (!wanted.has(principal)) register(grants, principal).write(link, false);
        break;
      }
    }
  }

  private writeDevice(link: number, memberId: string, device: PublicIdentity, addedAt: string, addedById: string): void {
    const { memberId: deviceId, name, signingKey, boxKey } = device;
    register(this.deviceFacts, deviceId).write(link, { memberId, deviceId, name, signingKey, boxKey, addedAt, addedById });
    register(this.deviceIn, deviceId).write(link, true);
  }

  /** The member whose current device `deviceId` is at `past` (the rule of `membershipAt`, for one device: judging a record asks it for its author alone). */
  deviceMemberAt(past: LinkSet, deviceId: string, members: ReadonlyMap<string, Member>): string | undefined {
    const current = this.deviceFacts.get(deviceId)?.current(this.graph, past) ?? [];
    const owners = new Set(current.map((fact) => fact.memberId));
    if (owners.size !== 1) return undefined;
    const owner = current[0]!.memberId;
    const states = this.deviceIn.get(deviceId)!.current(this.graph, past);
    return members.has(owner) && states.length > 0 && !states.includes(false) ? owner : undefined;
  }

  /** The member a device was ever added to, over every link held (none when links disagree). */
  ownerOfDevice(deviceId: string): string | undefined {
    const owners = new Set(this.deviceFacts.get(deviceId)?.writes.map((write) => write.value.memberId));
    return owners.size === 1 ? [...owners][0] : undefined;
  }

  /** Access changes are recorded as what changed — the kind, and each grant — so concurrent changes combine instead of replacing each other. */
  private writeAccess(link: number, keyId: string, access: SecretAccess, before: SecretAccess | null): void {
    const restricted = access.kind === 'restricted';
    if (before === null || (before.kind === 'restricted') !== restricted) register(this.keyRestricted, keyId).write(link, restricted);
    const grants = nested(this.keyGrants, keyId);
    const wanted = new Map((access.kind === 'restricted' ? access.grants : []).map((grant) => [principalKey(grant), grant.level]));
    const had = new Map((before?.kind === 'restricted' ? before.grants : []).map((grant) => [principalKey(grant), grant.level]));
    for (const [principal, level] of wanted) if (had.get(principal) !== level) register(grants, principal).write(link, level);
    for (const principal of had.keys()) if (!wanted.has(principal)) register(grants, principal).write(link, null);
  }

  // --- Reading, for ChainSnapshot ------------------------------------------------------

  membershipAt(past: LinkSet): MembershipAt {
    const members = new Map<string, Member>();
    const everMembers = new Map<string, PublicIdentity>();
    const devices = new Map<string, MemberDevice[]>();
    const everDevices = new Map<string, { memberId: string; name: string }>();
    for (const [memberId, identities] of this.identities) {
      const identity = pickIdentity(identities.current(this.graph, past));
      if (!identity) continue;
      everMembers.set(memberId, identity);
      const states = this.membership.get(memberId)!.current(this.graph, past);
      if (states.length === 0 || states.some((state) => !state.in)) continue;
      members.set(memberId, { ...identity, role: lowestRole(states.map((state) => (state as { role: Role }).role)) });
    }
    // A device counts for its member while every current write says it is theirs and in; two links that gave one device to different people give it to nobody.
    for (const [deviceId, facts] of this.deviceFacts) {
      const current = facts.current(this.graph, past);
      if (current.length === 0) continue;
      const owners = new Set(current.map((fact) => fact.memberId));
      if (owners.size !== 1) continue;
      const { memberId: owner, ...device } = current[0]!;
      everDevices.set(deviceId, { memberId: owner, name: device.name });
      const states = this.deviceIn.get(deviceId)!.current(this.graph, past);
      if (!members.has(owner) || states.length === 0 || states.includes(false)) continue;
      const list = devices.get(owner) ?? [];
      list.push({ ...device, addedAt: current.map((fact) => fact.addedAt).sort()[0]! });
      devices.set(owner, list);
    }
    for (const [memberId, list] of devices)
      list.sort((a, b) => Number(b.deviceId === memberId) - Number(a.deviceId === memberId) || a.addedAt.localeCompare(b.addedAt) || a.deviceId.localeCompare(b.deviceId));
    return { members, everMembers, devices, everDevices };
  }

  groupsAt(past: LinkSet, members: ReadonlyMap<string, Member>): Map<string, Group> {
    const groups = new Map<string, Group>();
    for (const [id, alive] of this.groupAlive) {
      const states = alive.current(this.graph, past);
      if (states.length === 0 || states.includes(false)) continue;
      const names = this.groupName.get(id)?.current(this.graph, past) ?? [];
      const memberIds: string[] = [];
      for (const [memberId, inGroup] of this.groupMembers.get(id) ?? []) {
        const values = inGroup.current(this.graph, past);
        if (values.length > 0 && !values.includes(false) && members.has(memberId)) memberIds.push(memberId);
      }
      groups.set(id, { id, name: [...names].sort()[0] ?? id, memberIds: memberIds.sort() });
    }
    return groups;
  }

  settingsAt(past: LinkSet): WorkspaceSettings {
    const values = this.settings.current(this.graph, past);
    return { editorsCanCreateSecrets: values.length > 0 && values.every((settings) => settings.editorsCanCreateSecrets) };
  }

  /** Whether the chain itself (not a format 1 record) says the key exists at `past`. */
  inChain(past: LinkSet, keyId: string): boolean {
    return (this.keyFacts.get(keyId)?.current(this.graph, past).length ?? 0) > 0;
  }

  keyAt(past: LinkSet, keyId: string): KeyInfo | undefined {
    const facts = this.keyFacts.get(keyId)?.current(this.graph, past) ?? [];
    if (facts.length === 0) return this.legacyKeys.get(keyId);
    const creators = new Set(facts.map((fact) => fact.createdById));
    const restricted = this.keyRestricted.get(keyId)?.current(this.graph, past) ?? [];
    let access: SecretAccess = { kind: 'team' };
    if (restricted.includes(true)) {
      const grants: Grant[] = [];
      for (const [principal, levels] of this.keyGrants.get(keyId) ?? []) {
        const level = lowestLevel(levels.current(this.graph, past));
        if (level) grants.push({ principal: parsePrincipal(principal), level });
      }
      access = { kind: 'restricted', grants: grants.sort((a, b) => principalKey(a).localeCompare(principalKey(b))) };
    }
    return {
      // Two different creators at once (only a forged id clash does that): nobody's key but the Admins'.
      createdById: creators.size === 1 ? facts[0]!.createdById : '',
      createdAt: facts.map((fact) => fact.createdAt).sort()[0]!,
      visibility: facts.some((fact) => fact.visibility === 'hidden') ? 'hidden' : 'masked',
      access,
      deleted: (this.keyDeleted.get(keyId)?.current(this.graph, past) ?? []).includes(true),
    };
  }

  keyIds(): Set<string> {
    return new Set([...this.keyFacts.keys(), ...this.legacyKeys.keys()]);
  }

  /**
   * The environments at `past`, in order. Default exists from the start; a deletion beats a
   * concurrent rename; protection beats a concurrent unprotection and a revoked run grant a
   * concurrent grant. Concurrent orders and names are settled by their text (no right rides
   * on either); two environments created with one name at once show the later as "Name (2)".
   * Should concurrent deletions leave none, Default stays.
   */
  environmentsAt(past: LinkSet, members: ReadonlyMap<string, Member>, groups: ReadonlyMap<string, Group>): EnvironmentRow[] {
    const found: (EnvironmentRow & { born: number })[] = [];
    const ids = new Set([DEFAULT_ENVIRONMENT_ID, ...this.environmentAlive.keys()]);
    let defaultRow: (EnvironmentRow & { born: number }) | null = null;
    for (const id of ids) {
      const alive = this.environmentAlive.get(id);
      const states = alive?.current(this.graph, past) ?? [];
      if (id !== DEFAULT_ENVIRONMENT_ID && states.length === 0) continue;
      const names = this.environmentName.get(id)?.current(this.graph, past) ?? [];
      const runGrants: Principal[] = [];
      for (const [principal, values] of this.environmentGrants.get(id) ?? []) {
        const current = values.current(this.graph, past);
        const grant = parsePrincipal(principal);
        const exists = grant.kind === 'member' ? members.has(grant.id) : groups.has(grant.id);
        if (current.length > 0 && !current.includes(false) && exists) runGrants.push({ kind: grant.kind, id: grant.id });
      }
      const row = {
        id,
        name: [...names].sort()[0] ?? (id === DEFAULT_ENVIRONMENT_ID ? DEFAULT_ENVIRONMENT_NAME : id),
        protected: (this.environmentProtected.get(id)?.current(this.graph, past) ?? []).includes(true),
        runGrants: runGrants.sort((a, b) => principalText(a).localeCompare(principalText(b))),
        born: id === DEFAULT_ENVIRONMENT_ID ? -1 : Math.min(...(alive?.writes.filter((write) => write.value && past.has(write.link)).map((write) => write.link) ?? [Infinity])),
      };
      if (id === DEFAULT_ENVIRONMENT_ID) defaultRow = row;
      if (!states.includes(false)) found.push(row);
    }
    if (found.length === 0 && defaultRow) found.push(defaultRow);
    const orders = this.environmentOrder
      .current(this.graph, past)
      .map((order) => JSON.stringify(order))
      .sort();
    const chosen: string[] = orders.length > 0 ? (JSON.parse(orders[0]!) as string[]) : [];
    const rank = (row: { id: string; born: number }) => {
      const at = chosen.indexOf(row.id);
      return at === -1 ? chosen.length + row.born + 1 : at;
    };
    found.sort((a, b) => rank(a) - rank(b) || a.born - b.born || (a.id < b.id ? -1 : 1));
    const taken = new Set<string>();
    return found.map(({ born: _born, ...row }) => {
      let name = row.name;
      for (let n = 2; taken.has(nameKey(name)); n++) name = `${row.name} (${n})`;
      taken.add(nameKey(name));
      return { ...row, name };
    });
  }
}

/** The state at one point of the graph, read lazily from the registers. */
export class ChainSnapshot {
  private membership?: MembershipAt;
  private readonly deviceMembers = new Map<string, string | undefined>();
  private groupMap?: Map<string, Group>;
  private settingsValue?: WorkspaceSettings;
  private environmentRows?: EnvironmentRow[];
  private environmentMap?: Map<string, EnvironmentRow>;
  private readonly keys = new Map<string, KeyInfo | undefined>();
  private live?: ReadonlyMap<string, KeyInfo>;

  constructor(
    private readonly registers: ChainRegisters,
    readonly past: LinkSet,
  ) {}

  /** The environments here, in order. */
  get environmentList(): EnvironmentRow[] {
    return (this.environmentRows ??= this.registers.environmentsAt(this.past, this.members, this.groups));
  }

  get environments(): Map<string, EnvironmentRow> {
    return (this.environmentMap ??= new Map(this.environmentList.map((environment) => [environment.id, environment])));
  }

  /** Whether a member may run in an environment here (and so receive its values). */
  mayRun(memberId: string, environmentId: string): boolean {
    return mayRunHere(this, memberId, environmentId);
  }

  get name(): string {
    return this.registers.workspaceName;
  }

  get members(): Map<string, Member> {
    return (this.membership ??= this.registers.membershipAt(this.past)).members;
  }

  get everMembers(): Map<string, PublicIdentity> {
    return (this.membership ??= this.registers.membershipAt(this.past)).everMembers;
  }

  get devices(): Map<string, MemberDevice[]> {
    return (this.membership ??= this.registers.membershipAt(this.past)).devices;
  }

  get everDevices(): Map<string, { memberId: string; name: string }> {
    return (this.membership ??= this.registers.membershipAt(this.past)).everDevices;
  }

  /** The member whose current device `deviceId` is here; undefined for a removed device or member. */
  memberIdOf(deviceId: string): string | undefined {
    if (!this.deviceMembers.has(deviceId)) this.deviceMembers.set(deviceId, this.registers.deviceMemberAt(this.past, deviceId, this.members));
    return this.deviceMembers.get(deviceId);
  }

  get groups(): Map<string, Group> {
    return (this.groupMap ??= this.registers.groupsAt(this.past, this.members));
  }

  get settings(): WorkspaceSettings {
    return (this.settingsValue ??= this.registers.settingsAt(this.past));
  }

  key(keyId: string): KeyInfo | undefined {
    if (!this.keys.has(keyId)) this.keys.set(keyId, this.registers.keyAt(this.past, keyId));
    return this.keys.get(keyId);
  }

  inChain(keyId: string): boolean {
    return this.registers.inChain(this.past, keyId);
  }

  /** Keys that exist here (created, not deleted): worked out once, like each key. */
  liveKeys(): ReadonlyMap<string, KeyInfo> {
    if (this.live) return this.live;
    const keys = new Map<string, KeyInfo>();
    for (const id of this.registers.keyIds()) {
      const key = this.key(id);
      if (key && !key.deleted) keys.set(id, key);
    }
    return (this.live = keys);
  }

  rightsOn(memberId: string, keyId: string): SecretRights {
    const member = this.members.get(memberId);
    const key = this.key(keyId);
    if (!member || !key || key.deleted) return { see: false, use: false, manage: false };
    return secretRights(member.role, memberId, key, [...this.groups.values()]);
  }

  /** The same state with the changes of a link not yet recorded applied on top (checking a link's changes in order). */
  draft(): DraftSnapshot {
    return new DraftSnapshot(this);
  }
}

/** A snapshot being changed by the changes of one link, in order. */
export class DraftSnapshot {
  readonly members: Map<string, Member>;
  readonly everMembers: Map<string, PublicIdentity>;
  readonly devices: Map<string, MemberDevice[]>;
  readonly everDevices: Map<string, { memberId: string; name: string }>;
  readonly groups: Map<string, Group>;
  settings: WorkspaceSettings;
  environmentList: EnvironmentRow[];
  readonly name: string;
  private readonly keys = new Map<string, KeyInfo | undefined>();

  constructor(private readonly base: ChainSnapshot) {
    this.members = new Map(base.members);
    this.everMembers = new Map(base.everMembers);
    this.devices = new Map(base.devices);
    this.everDevices = new Map(base.everDevices);
    this.groups = new Map(base.groups);
    this.settings = base.settings;
    this.environmentList = base.environmentList;
    this.name = base.name;
  }

  get environments(): Map<string, EnvironmentRow> {
    return new Map(this.environmentList.map((environment) => [environment.id, environment]));
  }

  memberIdOf(deviceId: string): string | undefined {
    return deviceMembersOf(this.devices).get(deviceId);
  }

  /** Adds a device to a member (copy on write: the base's lists stay as they were). */
  addDevice(memberId: string, device: MemberDevice): void {
    this.devices.set(memberId, [...(this.devices.get(memberId) ?? []), device]);
    this.everDevices.set(device.deviceId, { memberId, name: device.name });
  }

  removeDevice(memberId: string, deviceId: string): void {
    this.devices.set(
      memberId,
      (this.devices.get(memberId) ?? []).filter((device) => device.deviceId !== deviceId),
    );
  }

  applyEnvironmentChange(change: Parameters<typeof applyEnvironmentChange>[1]): void {
    this.environmentList = applyEnvironmentChange(this.environmentList, change);
  }

  mayRun(memberId: string, environmentId: string): boolean {
    return mayRunHere(this, memberId, environmentId);
  }

  key(keyId: string): KeyInfo | undefined {
    return this.keys.has(keyId) ? this.keys.get(keyId) : this.base.key(keyId);
  }

  inChain(keyId: string): boolean {
    return this.keys.has(keyId) || this.base.inChain(keyId);
  }

  setKey(keyId: string, info: KeyInfo): void {
    this.keys.set(keyId, info);
  }

  rightsOn(memberId: string, keyId: string): SecretRights {
    const member = this.members.get(memberId);
    const key = this.key(keyId);
    if (!member || !key || key.deleted) return { see: false, use: false, manage: false };
    return secretRights(member.role, memberId, key, [...this.groups.values()]);
  }
}

export type StateView = ChainSnapshot | DraftSnapshot;

function mayRunHere(state: StateView, memberId: string, environmentId: string): boolean {
  const member = state.members.get(memberId);
  const environment = state.environments.get(environmentId);
  return member !== undefined && environment !== undefined && mayRunIn(environment, member.role, memberId, [...state.groups.values()]);
}

function deviceMembersOf(devices: ReadonlyMap<string, readonly MemberDevice[]>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [memberId, list] of devices) for (const device of list) owners.set(device.deviceId, memberId);
  return owners;
}

function principalText(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}

function register<T>(map: Map<string, Register<T>>, key: string): Register<T> {
  let found = map.get(key);
  if (!found) map.set(key, (found = new Register<T>()));
  return found;
}

function nested<T>(map: Map<string, Map<string, Register<T>>>, key: string): Map<string, Register<T>> {
  let found = map.get(key);
  if (!found) map.set(key, (found = new Map()));
  return found;
}

function principalKey(grant: Pick<Grant, 'principal'>): string {
  return `${grant.principal.kind}:${grant.principal.id}`;
}

function parsePrincipal(key: string): Grant['principal'] {
  const [kind, id] = key.split(':') as ['member' | 'group', string];
  return { kind, id };
}

/** A person's public identity when concurrent links carried different names for the same keys: the first by name. */
function pickIdentity(identities: PublicIdentity[]): PublicIdentity | undefined {
  return identities.length <= 1 ? identities[0] : [...identities].sort((a, b) => (a.name + a.email).localeCompare(b.name + b.email))[0];
}
