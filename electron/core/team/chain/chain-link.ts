/**
 * One link of a team workspace's membership chain: a signed batch of changes to who is a
 * member, with which role, in which groups, under which settings, which secret keys
 * exist with whose access, and which environments exist and who may run in them. Links name the links their author had seen (`parents`), so the
 * chain is a graph of causality (a DAG, like git's history), not a line: two Admins who
 * change it at the same time make two links with the same parents, and every machine that
 * holds both evaluates the same graph the same way (chain-resolver.ts).
 *
 * A link's `author` is the device that signed it (a member's first device has the member's
 * id); it counts as the member's whose current device it is where it was made.
 *
 * Everything signed names the workspace, so a link can't be moved to another workspace.
 * Format 1 files carried a linear chain (`seq`, `prev`, one change per link); such links
 * are read as graph links whose parent is their predecessor, and keep their own signature.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../crypto/canonical-json';
import { signBytes, verifySignature, type DeviceKeys } from '../../crypto/device-keys';
import { environmentChangeSchemas } from '../../environments/environment-change';
import { GRANT_LEVELS, ROLES, VISIBILITIES, type PublicIdentity, type SecretAccess, type WorkspaceSettings } from '../../../../shared/model/team';

export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const keySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const linkIdSchema = z.string().regex(/^[0-9a-f]{64}$/);
const commitIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

export const publicIdentitySchema = z
  .object({ memberId: idSchema, name: z.string().min(1).max(200), email: z.string().max(320), signingKey: keySchema, boxKey: keySchema })
  .strict();
const settingsSchema = z.object({ editorsCanCreateSecrets: z.boolean() }).strict();
const groupSchema = z.object({ id: idSchema, name: z.string().min(1).max(200), memberIds: z.array(idSchema).max(10_000) }).strict();
export const accessSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team') }).strict(),
  z
    .object({
      kind: z.literal('restricted'),
      grants: z.array(z.object({ principal: z.object({ kind: z.enum(['member', 'group']), id: idSchema }).strict(), level: z.enum(GRANT_LEVELS) }).strict()).max(500),
    })
    .strict(),
]);

export const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), workspaceId: idSchema, name: z.string().min(1).max(200), owner: publicIdentitySchema, settings: settingsSchema }).strict(),
  z.object({ type: z.literal('add-member'), member: publicIdentitySchema, role: z.enum(ROLES) }).strict(),
  z.object({ type: z.literal('set-role'), memberId: idSchema, role: z.enum(ROLES) }).strict(),
  z.object({ type: z.literal('remove-member'), memberId: idSchema }).strict(),
  z.object({ type: z.literal('save-group'), group: groupSchema }).strict(),
  z.object({ type: z.literal('delete-group'), groupId: idSchema }).strict(),
  z.object({ type: z.literal('set-settings'), settings: settingsSchema }).strict(),
  /** Another device of a member: its own keys, acting as the member (the identity's `memberId` is the device's id). */
  z.object({ type: z.literal('add-device'), memberId: idSchema, device: publicIdentitySchema }).strict(),
  z.object({ type: z.literal('remove-device'), memberId: idSchema, deviceId: idSchema }).strict(),
  /** A secret key comes into existence: its creator is the link's author. */
  z.object({ type: z.literal('create-key'), keyId: idSchema, access: accessSchema, visibility: z.enum(VISIBILITIES) }).strict(),
  z.object({ type: z.literal('set-access'), keyId: idSchema, access: accessSchema }).strict(),
  z.object({ type: z.literal('delete-key'), keyId: idSchema }).strict(),
  /**
   * A key from a format 1 file, whose creator and access its records carried, written into
   * the chain once by an Owner or Admin: from then on the chain alone says who may use it.
   */
  z
    .object({ type: z.literal('adopt-key'), keyId: idSchema, createdById: idSchema, createdAt: z.string().max(40), access: accessSchema, visibility: z.enum(VISIBILITIES) })
    .strict(),
  /** Environments: which exist, their names and order, which are protected and who may run in those. */
  ...environmentChangeSchemas,
]);
export type ChainChange = z.infer<typeof changeSchema>;

/**
 * What the author of a link that takes rights away had seen of each device losing them
 * (every device of a member removed, or the one device removed):
 * the ids of their commits, and the newest entry of their audit trail. A person's
 * records and audit entries that the link's author had not seen, and that don't build on
 * the link, were made at the same time as the revocation and don't count (chain-resolver.ts).
 */
const seenSchema = z.record(idSchema, z.object({ commits: z.array(commitIdSchema).max(1_000_000), audit: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(64) }).strict());
export type SeenByRevoker = z.infer<typeof seenSchema>;

export const linkSchema = z
  .object({
    v: z.literal(2),
    parents: z.array(linkIdSchema).max(64),
    author: idSchema,
    at: z.string().max(40),
    changes: z.array(changeSchema).min(1).max(100_000),
    seen: seenSchema,
    sig: z.string().max(100),
  })
  .strict();
export type ChainLinkV2 = z.infer<typeof linkSchema>;

/** A link as format 1 files wrote it: one change, its place in a line. */
export const legacyLinkSchema = z
  .object({ seq: z.number().int().min(0), prev: z.string().max(64), author: idSchema, at: z.string().max(40), change: changeSchema, sig: z.string().max(100) })
  .strict();
export type LegacyLink = z.infer<typeof legacyLinkSchema>;

export const anyLinkSchema = z.union([linkSchema, legacyLinkSchema]);
export type StoredLink = ChainLinkV2 | LegacyLink;

/** A link as the resolver sees it, whatever format it came in. */
export interface ChainLink {
  id: string;
  parents: string[];
  author: string;
  at: string;
  changes: ChainChange[];
  seen: SeenByRevoker;
  /** The link exactly as stored: what the file carries. */
  stored: StoredLink;
}

function signedText(workspaceId: string, link: Omit<ChainLinkV2, 'sig' | 'v'>): string {
  const { parents, author, at, changes, seen } = link;
  return `keyflow/chain/v2|${workspaceId}|${canonicalJson({ parents, author, at, changes, seen })}`;
}

function legacySignedText(link: Omit<LegacyLink, 'sig'>): string {
  const { seq, prev, author, at, change } = link;
  return `keyflow/chain/v1|${canonicalJson({ seq, prev, author, at, change })}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function isLegacy(link: StoredLink): link is LegacyLink {
  return !('v' in link);
}

const ids = new WeakMap<StoredLink, string>();

/** The id of a stored link: the hash of what its author signed (format 1: of the whole link). Computed once per object. */
export function linkIdOf(workspaceId: string, link: StoredLink): string {
  let id = ids.get(link);
  if (id === undefined) ids.set(link, (id = isLegacy(link) ? sha256(canonicalJson(link)) : sha256(signedText(workspaceId, link))));
  return id;
}

/** A stored link as the resolver sees it; `knownId` when its id was computed before. */
export function toChainLink(workspaceId: string, stored: StoredLink, knownId?: string): ChainLink {
  const id = knownId ?? linkIdOf(workspaceId, stored);
  if (isLegacy(stored)) return { id, parents: stored.prev ? [stored.prev] : [], author: stored.author, at: stored.at, changes: [stored.change], seen: {}, stored };
  return { id, parents: stored.parents, author: stored.author, at: stored.at, changes: stored.changes, seen: stored.seen, stored };
}

/** Whether `signingKey` signed this link for this workspace. */
export function linkSignatureValid(workspaceId: string, link: ChainLink, signingKey: string): boolean {
  const text = isLegacy(link.stored) ? legacySignedText(link.stored) : signedText(workspaceId, link.stored);
  return verifySignature(signingKey, text, link.stored.sig);
}

export function signLink(workspaceId: string, keys: DeviceKeys, parents: readonly string[], changes: ChainChange[], at: string, seen: SeenByRevoker = {}): ChainLink {
  const unsigned = { parents: [...parents].sort(), author: keys.memberId, at, changes, seen };
  const stored: ChainLinkV2 = { v: 2, ...unsigned, sig: signBytes(keys, signedText(workspaceId, unsigned)) };
  return toChainLink(workspaceId, stored);
}

/** The first link of a new workspace, signed by its Owner. */
export function genesisLink(keys: DeviceKeys, owner: PublicIdentity, workspaceId: string, name: string, settings: WorkspaceSettings, at: string): ChainLink {
  return signLink(workspaceId, keys, [], [{ type: 'create', workspaceId, name, owner, settings }], at);
}

export type { SecretAccess };
