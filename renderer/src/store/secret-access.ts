/**
 * Per-secret access as the dialogs edit it and the table shows it: Team, or Restricted
 * to people and groups each with Use or Manage. Pure: every function returns new values.
 */
import type { Grant, GrantLevel, Group, Member, SecretAccess } from '../../../shared/model/team';
import { countOf } from '../format/count';

export type PrincipalKind = Grant['principal']['kind'];

/** What the access editor holds: the grants stay while Team is chosen, so switching back loses nothing. */
export interface AccessDraft {
  kind: SecretAccess['kind'];
  grants: readonly Grant[];
}

export const TEAM_DRAFT: AccessDraft = { kind: 'team', grants: [] };

export function draftOfAccess(access: SecretAccess): AccessDraft {
  return access.kind === 'team' ? TEAM_DRAFT : { kind: 'restricted', grants: access.grants };
}

/** What secrets.create / secrets.setAccess send. */
export function accessOfDraft(draft: AccessDraft): SecretAccess {
  return draft.kind === 'team' ? { kind: 'team' } : { kind: 'restricted', grants: draft.grants.map((grant) => ({ principal: { ...grant.principal }, level: grant.level })) };
}

export const principalKey = (principal: Grant['principal']): string => `${principal.kind}:${principal.id}`;

function samePrincipal(a: Grant['principal'], b: Grant['principal']): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** `grants` with `principal` at `level`: its grant changed in place, or added at the end. */
export function withGrant(grants: readonly Grant[], principal: Grant['principal'], level: GrantLevel): Grant[] {
  let found = false;
  const next = grants.map((grant) => {
    if (!samePrincipal(grant.principal, principal)) return grant;
    found = true;
    return { principal: grant.principal, level };
  });
  return found ? next : [...next, { principal: { kind: principal.kind, id: principal.id }, level }];
}

export function withoutGrant(grants: readonly Grant[], principal: Grant['principal']): Grant[] {
  return grants.filter((grant) => !samePrincipal(grant.principal, principal));
}

export interface PrincipalOption {
  kind: PrincipalKind;
  id: string;
  /** A member's name, a group's name. */
  name: string;
  /** A member's email, a group's member count. */
  detail: string;
}

/** A member as listed, with their email told apart from a namesake's. */
export function memberOption(member: Member): PrincipalOption {
  return { kind: 'member', id: member.memberId, name: member.name, detail: member.email };
}

export function groupOption(group: Group): PrincipalOption {
  return { kind: 'group', id: group.id, name: group.name, detail: countOf(group.memberIds.length, 'member') };
}

/**
 * Who can still be added to `grants`: the people (except `me`) and the groups without a
 * grant yet, each by name. Owners and Admins are listed too: a grant keeps them in the
 * key's list if their role changes.
 */
export function grantCandidates(
  members: readonly Member[],
  groups: readonly Group[],
  grants: readonly Grant[],
  me: string,
): { people: PrincipalOption[]; groups: PrincipalOption[] } {
  const taken = new Set(grants.map((grant) => principalKey(grant.principal)));
  const byName = (a: PrincipalOption, b: PrincipalOption) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
  return {
    people: members
      .filter((member) => member.memberId !== me && !taken.has(principalKey({ kind: 'member', id: member.memberId })))
      .map(memberOption)
      .sort(byName),
    groups: groups
      .filter((group) => !taken.has(principalKey({ kind: 'group', id: group.id })))
      .map(groupOption)
      .sort(byName),
  };
}

export interface GrantRow {
  key: string;
  principal: Grant['principal'];
  name: string;
  level: GrantLevel;
  /** The person or group is no longer in the workspace (removed, deleted). */
  missing: boolean;
}

/** A grant's holder by name; people and groups that are gone are said to be. */
export function grantRows(grants: readonly Grant[], members: readonly Member[], groups: readonly Group[]): GrantRow[] {
  return grants.map((grant) => {
    const { principal } = grant;
    const holder = principal.kind === 'member' ? members.find((member) => member.memberId === principal.id)?.name : groups.find((group) => group.id === principal.id)?.name;
    return {
      key: principalKey(principal),
      principal,
      name: holder ?? (principal.kind === 'member' ? 'Removed member' : 'Deleted group'),
      level: grant.level,
      missing: holder === undefined,
    };
  });
}

export const GRANT_LEVEL_LABELS: Readonly<Record<GrantLevel, string>> = { use: 'Use', manage: 'Manage' };

/** The Access column: "Team", or "Restricted · 2 people, 1 group". */
export function accessSummary(access: SecretAccess): string {
  if (access.kind === 'team') return 'Team';
  const people = access.grants.filter((grant) => grant.principal.kind === 'member').length;
  const groups = access.grants.length - people;
  const parts = [people > 0 ? countOf(people, 'person', 'people') : null, groups > 0 ? countOf(groups, 'group') : null].filter(Boolean);
  return `Restricted · ${parts.length > 0 ? parts.join(', ') : 'no one added'}`;
}
