/**
 * Who the person at this machine is in the active workspace, and what that lets them do.
 * Every handler and every run asks here; the renderer's hiding of controls is a courtesy.
 */
import {
  canCreateSecrets,
  canEditWorkflows,
  isAdmin,
  secretRights,
  ROLE_LABELS,
  type Group,
  type Member,
  type MemberDevice,
  type Role,
  type SecretRights,
  type SecretRightsInput,
  type WorkspaceSettings,
} from '../../../shared/model/team';
import { BridgeError } from '../../../shared/bridge/errors';
import { mayRunIn, type Principal } from '../../../shared/model/environment';
import type { Recipient } from '../crypto/key-wrap';

/** What decides who may run in an environment. */
export interface EnvironmentProtection {
  protected: boolean;
  runGrants: readonly Principal[];
}

export interface MembershipView {
  members: ReadonlyMap<string, Member>;
  groups: ReadonlyMap<string, Group>;
  settings: WorkspaceSettings;
  /** Team workspaces: each environment's protection (where values are wrapped only for who may run there). */
  environments?: ReadonlyMap<string, EnvironmentProtection>;
  /** Team workspaces: each member's devices (values are wrapped for every one of them). Without it, a member is their own one device. */
  devices?: ReadonlyMap<string, readonly MemberDevice[]>;
}

const NO_RIGHTS: SecretRights = Object.freeze({ see: false, use: false, manage: false });
const ALL_RIGHTS: SecretRights = Object.freeze({ see: true, use: true, manage: true });

export class WorkspaceAccess {
  constructor(
    private readonly membership: () => MembershipView,
    private readonly myIdOf: () => string,
  ) {}

  /** The member this machine acts as (in a team workspace, the member whose device it is). */
  get myId(): string {
    return this.myIdOf();
  }

  /** This person as a member; throws when they were removed from the workspace. */
  me(): Member {
    const me = this.membership().members.get(this.myId);
    if (!me) throw new BridgeError('forbidden', 'You are no longer a member of this workspace: an Admin removed you.');
    return me;
  }

  /** This person's role, or null once they were removed. */
  myRole(): Role | null {
    return this.membership().members.get(this.myId)?.role ?? null;
  }

  get members(): ReadonlyMap<string, Member> {
    return this.membership().members;
  }

  get groups(): Group[] {
    return [...this.membership().groups.values()];
  }

  get settings(): WorkspaceSettings {
    return this.membership().settings;
  }

  rights(secret: SecretRightsInput): SecretRights {
    return this.rightsResolver()(secret);
  }

  /** `rights` for many secrets at once: the membership is read once. */
  rightsResolver(): (secret: SecretRightsInput) => SecretRights {
    const { members, groups } = this.membership();
    const me = members.get(this.myId);
    if (!me) return () => NO_RIGHTS;
    if (isAdmin(me.role)) return () => ALL_RIGHTS;
    const groupList = [...groups.values()];
    return (secret) => secretRights(me.role, me.memberId, secret, groupList);
  }

  /** Whether I may run in an environment (Owners and Admins anywhere; others where it isn't protected or they are granted it). */
  mayRunIn(environment: EnvironmentProtection): boolean {
    const me = this.membership().members.get(this.myId);
    return me !== undefined && mayRunIn(environment, me.role, me.memberId, this.groups);
  }

  /**
   * The members who may use a secret's value in an environment — who may use the key and
   * run there — and so receive its data key.
   */
  recipients(secret: SecretRightsInput, environmentId?: string): Member[] {
    const view = this.membership();
    const groups = [...view.groups.values()];
    const environment = environmentId === undefined ? undefined : view.environments?.get(environmentId);
    return [...view.members.values()].filter(
      (member) => secretRights(member.role, member.memberId, secret, groups).use && (!environment || mayRunIn(environment, member.role, member.memberId, groups)),
    );
  }

  /** The devices a secret's data key is wrapped for in an environment: every device of every member in `recipients`. */
  recipientDevices(secret: SecretRightsInput, environmentId?: string): Recipient[] {
    const { devices } = this.membership();
    return this.recipients(secret, environmentId).flatMap((member) =>
      devices ? (devices.get(member.memberId) ?? []).map((device) => ({ memberId: device.deviceId, boxKey: device.boxKey })) : [member],
    );
  }

  requireAdmin(what: string): Member {
    const me = this.me();
    if (!isAdmin(me.role)) throw new BridgeError('forbidden', `Only Owners and Admins can ${what}; you are ${ROLE_LABELS[me.role]}.`);
    return me;
  }

  requireCreateSecrets(): void {
    const me = this.me();
    if (!canCreateSecrets(me.role, this.settings)) {
      throw new BridgeError(
        'forbidden',
        me.role === 'editor' ? 'Editors can’t create secret keys in this workspace (an Admin turned that off).' : `You can’t create secret keys: you are ${ROLE_LABELS[me.role]}.`,
      );
    }
  }

  requireEditWorkflows(): void {
    const me = this.me();
    if (!canEditWorkflows(me.role)) throw new BridgeError('forbidden', 'Viewers can look at workflows but not change or run them.');
  }
}
