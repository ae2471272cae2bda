import { CONTROL_CHARACTER } from './secret';

/**
 * Workspaces, members, roles, groups and per-secret access: the rules every process
 * agrees on. Main enforces them; the renderer only uses them to hide what can't be done.
 */

export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', editor: 'Editor', viewer: 'Viewer' };

/** What a person hands an Admin to be invited: public keys only. */
export interface PublicIdentity {
  /** Derived from the public keys: the same keys always give the same id. */
  memberId: string;
  name: string;
  email: string;
  /** Ed25519 public key, base64url of the 32 raw bytes. */
  signingKey: string;
  /** X25519 public key, base64url of the 32 raw bytes. */
  boxKey: string;
}

export interface Member extends PublicIdentity {
  role: Role;
}

/**
 * One of a member's devices: its own signing and box keys (what an identity is). A member's
 * first device is the identity they joined with (its id is the member's id); an Owner or
 * Admin may add others ("Moving to a new machine") and remove any but the last.
 */
export interface MemberDevice {
  deviceId: string;
  /** The name the device's identity carried when it was added. */
  name: string;
  signingKey: string;
  boxKey: string;
  addedAt: string;
  /** The member who added it (for a first device: who added the member). */
  addedById: string;
}

export interface Group {
  id: string;
  name: string;
  memberIds: string[];
}

export interface WorkspaceSettings {
  editorsCanCreateSecrets: boolean;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { editorsCanCreateSecrets: true };

export const GRANT_LEVELS = ['use', 'manage'] as const;
export type GrantLevel = (typeof GRANT_LEVELS)[number];

export interface Grant {
  principal: { kind: 'member' | 'group'; id: string };
  level: GrantLevel;
}

export type SecretAccess = { kind: 'team' } | { kind: 'restricted'; grants: Grant[] };

export const TEAM_ACCESS: SecretAccess = { kind: 'team' };

/** Fixed at creation: masked shows a short hint (the last characters), hidden shows nothing. */
export const VISIBILITIES = ['masked', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The hint of a masked value: its last 4 characters, only when that leaves at least 12 unseen. */
export function valueHint(value: string, visibility: Visibility): string | null {
  const chars = [...value];
  if (visibility !== 'masked' || chars.length < 16) return null;
  return chars.slice(-4).join('');
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The problem with a person's display name, or null. */
export function personNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name.length === 0) return 'Name is required.';
  if (name.length > 200) return 'Name must be at most 200 characters.';
  if (CONTROL_CHARACTER.test(name)) return 'Name cannot contain control characters.';
  return null;
}

/** The problem with a person's email (optional), or null. */
export function emailProblem(raw: string): string | null {
  return raw.trim() !== '' && !EMAIL.test(raw.trim()) ? 'Email must look like name@example.com.' : null;
}

export interface Profile {
  name: string;
  email: string;
  /** Whether the person chose this name (until then it is their computer account's). */
  named: boolean;
  memberId: string;
  /** Shown for comparison when an identity is handed over: groups of hex digits. */
  fingerprint: string;
}

export interface SyncStatus {
  /** 'removed': an Admin removed this person; the workspace's values were forgotten here. */
  state: 'synced' | 'failed' | 'removed';
  at: string | null;
  /** The clear reason the last sync refused the file or a change, when it did. */
  problem: string | null;
  /** Changes from the file that were refused (a signature or a right was missing); never applied. */
  rejected: string[];
  /** Who removed this person from the workspace, and when (state 'removed'). */
  removedBy: { name: string; at: string } | null;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  kind: 'personal' | 'team';
  /** The shared workspace file (team workspaces). */
  filePath: string | null;
  myRole: Role;
  active: boolean;
}

export interface TeamDetails {
  workspace: WorkspaceSummary;
  me: string;
  members: Member[];
  /** Each member's current devices, by member id, first device first. */
  devices: Record<string, MemberDevice[]>;
  groups: Group[];
  settings: WorkspaceSettings;
  sync: SyncStatus | null;
}

/** What removing a member will do, shown in the confirmation. */
export interface RemovalPreview {
  member: Member;
  /** Secrets they created: deleted, with the workflows that used them. */
  deletes: { id: string; name: string; usedBy: { workflowId: string; workflowName: string }[] }[];
  /** Secrets they could use: re-keyed for the remaining members; rotate them at the source. */
  rotates: { id: string; name: string }[];
}

export const AUDIT_ACTIONS = ['created', 'renamed', 're-valued', 're-permissioned', 'deleted', 'used'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorName: string;
  action: AuditAction;
  secretId: string;
  /** The name at the time of the action. */
  secretName: string;
  /** The run that used the secret (action "used"). */
  runId: string | null;
  /** A short description of what changed (never a value). */
  detail: string;
}

// --- Rights ------------------------------------------------------------------

export function isAdmin(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

export function canManageMembers(role: Role): boolean {
  return isAdmin(role);
}

export function canEditWorkflows(role: Role): boolean {
  return role !== 'viewer';
}

export function canCreateSecrets(role: Role, settings: WorkspaceSettings): boolean {
  return isAdmin(role) || (role === 'editor' && settings.editorsCanCreateSecrets);
}

/** The grant level a member holds on a restricted secret, directly or through a group (highest wins). */
export function grantLevelOf(access: SecretAccess, memberId: string, groups: readonly Group[]): GrantLevel | null {
  if (access.kind !== 'restricted') return null;
  let level: GrantLevel | null = null;
  for (const grant of access.grants) {
    const applies =
      grant.principal.kind === 'member' ? grant.principal.id === memberId : groups.some((group) => group.id === grant.principal.id && group.memberIds.includes(memberId));
    if (applies && (level === null || grant.level === 'manage')) level = grant.level;
  }
  return level;
}

export interface SecretRightsInput {
  access: SecretAccess;
  createdById: string;
}

export interface SecretRights {
  see: boolean;
  use: boolean;
  manage: boolean;
}

/** What a member may do with one secret (the table in PRODUCT.md, "Roles"). */
export function secretRights(role: Role, memberId: string, secret: SecretRightsInput, groups: readonly Group[]): SecretRights {
  if (isAdmin(role)) return { see: true, use: true, manage: true };
  const level = grantLevelOf(secret.access, memberId, groups);
  const creator = secret.createdById === memberId;
  const see = secret.access.kind === 'team' || level !== null || creator;
  if (role === 'viewer') return { see, use: false, manage: false };
  return { see, use: see, manage: creator || level === 'manage' };
}
