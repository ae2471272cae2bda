/**
 * The membership of a team workspace as an append-only chain of signed changes
 * (Keybase's team sigchain is the model). Each link names the hash of the one before it
 * and is signed (Ed25519) by its author; a change counts only if its author held the
 * right to make it at that point of the chain. So someone who can write the shared file,
 * but holds no Admin key, can't add a member, raise a role or drop a removal: the chain
 * is rejected from the first bad link on, and nothing of it is applied.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { memberIdOf, signBytes, verifySignature, type DeviceKeys } from '../crypto/device-keys';
import { ROLES, ROLE_LABELS, isAdmin, type Group, type Member, type PublicIdentity, type WorkspaceSettings } from '../../../shared/model/team';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const keySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const publicIdentitySchema = z
  .object({ memberId: idSchema, name: z.string().min(1).max(200), email: z.string().max(320), signingKey: keySchema, boxKey: keySchema })
  .strict();
const settingsSchema = z.object({ editorsCanCreateSecrets: z.boolean() }).strict();
const groupSchema = z.object({ id: idSchema, name: z.string().min(1).max(200), memberIds: z.array(idSchema).max(10_000) }).strict();

const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), workspaceId: idSchema, name: z.string().min(1).max(200), owner: publicIdentitySchema, settings: settingsSchema }).strict(),
  z.object({ type: z.literal('add-member'), member: publicIdentitySchema, role: z.enum(ROLES) }).strict(),
  z.object({ type: z.literal('set-role'), memberId: idSchema, role: z.enum(ROLES) }).strict(),
  z.object({ type: z.literal('remove-member'), memberId: idSchema }).strict(),
  z.object({ type: z.literal('save-group'), group: groupSchema }).strict(),
  z.object({ type: z.literal('delete-group'), groupId: idSchema }).strict(),
  z.object({ type: z.literal('set-settings'), settings: settingsSchema }).strict(),
]);
export type MembershipChange = z.infer<typeof changeSchema>;

export const chainLinkSchema = z
  .object({
    seq: z.number().int().min(0),
    prev: z.string().max(64),
    author: idSchema,
    at: z.string().max(40),
    change: changeSchema,
    sig: z.string().max(100),
  })
  .strict();
export type ChainLink = z.infer<typeof chainLinkSchema>;

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface Membership {
  workspaceId: string;
  name: string;
  members: Map<string, Member>;
  /** Everyone who was ever a member: audit entries of removed members still verify. */
  everMembers: Map<string, PublicIdentity>;
  groups: Map<string, Group>;
  settings: WorkspaceSettings;
  head: ChainHead;
}

export class ChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainError';
  }
}

export function linkHash(link: ChainLink): string {
  return createHash('sha256').update(canonicalJson(link)).digest('hex');
}

function signedText(link: Omit<ChainLink, 'sig'>): string {
  const { seq, prev, author, at, change } = link;
  return `keyflow/chain/v1|${canonicalJson({ seq, prev, author, at, change })}`;
}

function owners(state: Membership): number {
  let count = 0;
  for (const member of state.members.values()) if (member.role === 'owner') count++;
  return count;
}

function describe(member: PublicIdentity | undefined, id: string): string {
  return member ? `${member.name} <${member.email}>` : id;
}

/** Why `authorId` may not make `change` in `state`, or null when they may. */
export function changeProblem(state: Membership, authorId: string, change: MembershipChange): string | null {
  const author = state.members.get(authorId);
  if (!author) return `${describe(state.everMembers.get(authorId), authorId)} is not a member of this workspace.`;
  if (change.type === 'create') return 'A workspace can only be created once.';
  if (!isAdmin(author.role)) return `Only Owners and Admins can change members, groups or settings; ${author.name} is ${ROLE_LABELS[author.role]}.`;
  const ownerOnly = (what: string) => (author.role === 'owner' ? null : `Only an Owner can ${what}.`);
  switch (change.type) {
    case 'add-member': {
      if (memberIdOf(change.member) !== change.member.memberId) return 'The identity does not match its keys.';
      if (state.members.has(change.member.memberId)) return `${change.member.name} is already a member.`;
      return change.role === 'owner' ? ownerOnly('add an Owner') : null;
    }
    case 'set-role': {
      const target = state.members.get(change.memberId);
      if (!target) return 'That person is not a member of this workspace.';
      if (target.role === 'owner' || change.role === 'owner') {
        const problem = ownerOnly('change who is an Owner');
        if (problem) return problem;
      }
      if (target.role === 'owner' && change.role !== 'owner' && owners(state) === 1) return 'The workspace must keep at least one Owner.';
      return null;
    }
    case 'remove-member': {
      const target = state.members.get(change.memberId);
      if (!target) return 'That person is not a member of this workspace.';
      if (target.role === 'owner') {
        const problem = ownerOnly('remove an Owner');
        if (problem) return problem;
        if (owners(state) === 1) return 'The workspace must keep at least one Owner.';
      }
      return null;
    }
    case 'save-group': {
      const stranger = change.group.memberIds.find((id) => !state.members.has(id));
      return stranger ? `Group member ${stranger} is not a member of this workspace.` : null;
    }
    case 'delete-group':
      return state.groups.has(change.groupId) ? null : 'That group no longer exists.';
    case 'set-settings':
      return null;
  }
}

function apply(state: Membership, change: MembershipChange): void {
  switch (change.type) {
    case 'create':
      break;
    case 'add-member':
      state.members.set(change.member.memberId, { ...change.member, role: change.role });
      state.everMembers.set(change.member.memberId, change.member);
      break;
    case 'set-role':
      state.members.set(change.memberId, { ...state.members.get(change.memberId)!, role: change.role });
      break;
    case 'remove-member':
      state.members.delete(change.memberId);
      for (const [id, group] of state.groups) {
        if (group.memberIds.includes(change.memberId)) state.groups.set(id, { ...group, memberIds: group.memberIds.filter((m) => m !== change.memberId) });
      }
      break;
    case 'save-group':
      state.groups.set(change.group.id, change.group);
      break;
    case 'delete-group':
      state.groups.delete(change.groupId);
      break;
    case 'set-settings':
      state.settings = change.settings;
      break;
  }
}

/**
 * Verifies a whole chain and returns the membership it establishes. Throws ChainError
 * naming the first bad link; nothing of a bad chain is returned.
 */
export function verifyChain(links: readonly ChainLink[], workspaceId: string): Membership {
  const genesis = links[0];
  if (!genesis || genesis.change.type !== 'create') throw new ChainError('The workspace file has no membership: its first change must create the workspace.');
  const { owner } = genesis.change;
  if (genesis.change.workspaceId !== workspaceId) throw new ChainError('The membership belongs to another workspace than the file says.');
  if (genesis.seq !== 0 || genesis.prev !== '' || genesis.author !== owner.memberId || memberIdOf(owner) !== owner.memberId) {
    throw new ChainError('Membership change 1 (creating the workspace) is malformed.');
  }
  if (!verifySignature(owner.signingKey, signedText(genesis), genesis.sig)) {
    throw new ChainError('Membership change 1 (creating the workspace) has an invalid signature.');
  }
  const state: Membership = {
    workspaceId,
    name: genesis.change.name,
    members: new Map([[owner.memberId, { ...owner, role: 'owner' }]]),
    everMembers: new Map([[owner.memberId, owner]]),
    groups: new Map(),
    settings: genesis.change.settings,
    head: { seq: 0, hash: linkHash(genesis) },
  };
  for (const link of links.slice(1)) extendChain(state, link);
  return state;
}

/** Checks one more link against the verified `state` and applies it; throws ChainError naming it. */
export function extendChain(state: Membership, link: ChainLink): void {
  const label = `Membership change ${state.head.seq + 2}`;
  if (link.seq !== state.head.seq + 1 || link.prev !== state.head.hash) {
    throw new ChainError(`${label} is out of place: a change before it was removed, reordered or replaced.`);
  }
  const author = state.members.get(link.author);
  if (!author || !verifySignature(author.signingKey, signedText(link), link.sig)) {
    throw new ChainError(`${label} has an invalid signature: it was not signed by a member of the workspace.`);
  }
  const problem = changeProblem(state, link.author, link.change);
  if (problem) throw new ChainError(`${label} was not allowed: ${problem}`);
  apply(state, link.change);
  state.head = { seq: link.seq, hash: linkHash(link) };
}

/** The first link of a new workspace, signed by its Owner. */
export function genesisLink(keys: DeviceKeys, owner: PublicIdentity, workspaceId: string, name: string, settings: WorkspaceSettings, at: string): ChainLink {
  const unsigned = { seq: 0, prev: '', author: keys.memberId, at, change: { type: 'create' as const, workspaceId, name, owner, settings } };
  return { ...unsigned, sig: signBytes(keys, signedText(unsigned)) };
}

/**
 * Signs `change` onto the chain whose verified state is `state`, and applies it to
 * `state`. Throws ChainError when the author may not make it.
 */
export function appendLink(state: Membership, keys: DeviceKeys, change: MembershipChange, at: string): ChainLink {
  const problem = changeProblem(state, keys.memberId, change);
  if (problem) throw new ChainError(problem);
  const unsigned = { seq: state.head.seq + 1, prev: state.head.hash, author: keys.memberId, at, change };
  const link = { ...unsigned, sig: signBytes(keys, signedText(unsigned)) };
  apply(state, change);
  state.head = { seq: link.seq, hash: linkHash(link) };
  return link;
}
