/**
 * Whether a record version counts: a deterministic function of the resolved chain, the
 * version and the commit that signs it — never of what this machine held when the version
 * arrived — so every machine that holds the same versions accepts the same ones.
 *
 * A version counts when a valid commit by its author lists its exact hash, it is well
 * formed, its author held the right to make it where they made it (the commit's context:
 * the chain links they had seen), and no revocation they hadn't seen then and that hadn't
 * seen the commit took that right away (strong removal, see chain-resolver.ts). A value is
 * never accepted wrapped for someone who may not use the key where it was written.
 */
import type { SecretAccess } from '../../../../shared/model/team';
import type { ResolvedChain } from '../chain/chain-resolver';
import type { ChainSnapshot, KeyInfo } from '../chain/chain-state';
import type { LinkSet } from '../chain/chain-graph';
import {
  fromSingleValue,
  legacySecretBodySchema,
  secretBodySchema,
  singleValueBodySchema,
  variableBodySchema,
  workflowBodySchema,
  type LegacySecretBody,
  type SecretBody,
  type VariableBody,
  type WorkflowBody,
} from './record-bodies';
import type { Commit, RecordHeader, SignedRecord } from './signed-records';

/** A version of a record this machine holds: from a file, or made here and not yet signed (`commit` null). */
export interface Candidate {
  hash: string;
  record: RecordHeader;
  commit: Commit | null;
  /** For a version not yet signed: the chain links it was made on. */
  context: string[] | null;
}

export type ParsedBody =
  | { kind: 'secret'; body: SecretBody; legacy: LegacySecretBody | null }
  | { kind: 'workflow'; body: WorkflowBody }
  | { kind: 'variable'; body: VariableBody }
  | { kind: 'tombstone' };

/** How far ahead of this machine's clock a version may be stamped before it waits for that time. */
export const MAX_CLOCK_AHEAD_MS = 60 * 60 * 1000;

export function stampWall(clock: string): number {
  return Number(clock.slice(0, 15));
}

/** The body of a version, checked against its schema; null when malformed. */
export function parseBody(record: SignedRecord, legacy: boolean): ParsedBody | null {
  if (record.body === null) return { kind: 'tombstone' };
  if (record.kind === 'workflow') {
    const parsed = workflowBodySchema.safeParse(record.body);
    return parsed.success ? { kind: 'workflow', body: parsed.data } : null;
  }
  if (record.kind === 'variable') {
    const parsed = variableBodySchema.safeParse(record.body);
    return parsed.success ? { kind: 'variable', body: parsed.data } : null;
  }
  if (legacy) {
    const parsed = legacySecretBodySchema.safeParse(record.body);
    if (!parsed.success) return null;
    const { access: _a, visibility: _v, createdById: _c, createdBy: _b, createdAt: _t, ...body } = parsed.data;
    return { kind: 'secret', body: fromSingleValue(body), legacy: parsed.data };
  }
  const parsed = secretBodySchema.safeParse(record.body);
  if (parsed.success) return { kind: 'secret', body: parsed.data, legacy: null };
  // Written before environments (format 2): its one value is the Default environment's.
  const single = singleValueBodySchema.safeParse(record.body);
  return single.success ? { kind: 'secret', body: fromSingleValue(single.data), legacy: null } : null;
}

/** Facts of the keys format 1 files carried in their records, from each key's latest such version. */
export function legacyKeyFacts(versions: Iterable<{ record: RecordHeader; hash: string; body: ParsedBody }>): Map<string, KeyInfo> {
  const best = new Map<string, { clock: string; hash: string; facts: KeyInfo | null }>();
  for (const { record, hash, body } of versions) {
    if (record.kind !== 'secret') continue;
    const facts =
      body.kind === 'secret' && body.legacy
        ? { createdById: body.legacy.createdById, createdAt: body.legacy.createdAt, visibility: body.legacy.visibility, access: body.legacy.access, deleted: false }
        : body.kind === 'tombstone'
          ? null
          : undefined;
    if (facts === undefined) continue;
    const current = best.get(record.id);
    if (!current || record.clock > current.clock || (record.clock === current.clock && hash > current.hash)) best.set(record.id, { clock: record.clock, hash, facts });
  }
  return new Map([...best].flatMap(([id, { facts }]) => (facts ? [[id, facts] as const] : [])));
}

/** The devices a key's value in an environment may be wrapped for at a point of the chain: those of the members who may use the key and run there. */
export function recipientsAt(state: ChainSnapshot, keyId: string, environmentId: string): string[] {
  return [...state.members.keys()]
    .filter((memberId) => state.rightsOn(memberId, keyId).use && state.mayRun(memberId, environmentId))
    .flatMap((memberId) => (state.devices.get(memberId) ?? []).map((device) => device.deviceId));
}

/** A device's member's name (or the device's own, for one never added). */
export function signerName(state: ChainSnapshot, signerId: string): string {
  const memberId = state.everDevices.get(signerId)?.memberId ?? signerId;
  return state.everMembers.get(memberId)?.name ?? signerId;
}

export interface Judgement {
  /** null: it counts. */
  problem: string | null;
  /** Stamped too far ahead: it may count once that time comes. */
  early?: boolean;
}

export class RecordRules {
  constructor(
    private readonly chain: ResolvedChain,
    private readonly me: string,
    private readonly nowMs: number,
  ) {}

  judge(candidate: Candidate, body: ParsedBody | null): Judgement {
    const { record, commit } = candidate;
    const label = `A change to a ${record.kind} (${record.id})`;
    const author = signerName(this.chain.final, record.author);
    if (commit ? commit.author !== record.author : record.author !== this.me) {
      return { problem: `${label} was refused: its signature is invalid (it was altered after it was signed, or never signed by a member).` };
    }
    if (stampWall(record.clock) > this.nowMs + MAX_CLOCK_AHEAD_MS) {
      return {
        problem: `${label} by ${author} is stamped ${new Date(stampWall(record.clock)).toISOString()}, too far ahead of this machine’s clock; it will count once that time comes.`,
        early: true,
      };
    }
    const legacy = commit !== null && commit.context === null;
    if (!body || (body.kind === 'secret' && (body.legacy !== null) !== legacy) || (body.kind === 'tombstone' && record.kind === 'secret' && !legacy)) {
      return { problem: `${label} by ${author} was refused: it is malformed.` };
    }
    // Format 1 commits named no context: they are judged by the whole chain, as format 1 did.
    const contextIds = commit === null ? (candidate.context ?? this.chain.headIds()) : (commit.context ?? this.chain.headIds());
    const context = this.chain.contextOf(contextIds);
    const state = this.chain.snapshotAt(contextIds);
    if (!context || !state) return { problem: `${label} by ${author} refers to membership changes this machine doesn’t have yet; it will count once they arrive.`, early: true };
    const allowed = (at: ChainSnapshot) => this.allowed(at, record);
    const problem = allowed(state) ?? this.misaddressed(state, record, body);
    if (problem) return { problem: `${label} by ${author} was refused: ${problem}` };
    if (!legacy) {
      const revocation = this.chain.revokedBy(
        record.author,
        context,
        (link) => commit !== null && (link.seen[record.author]?.commits.includes(commit.id) ?? false),
        (at) => allowed(at) === null,
      );
      if (revocation) {
        const by = signerName(this.chain.final, revocation.author);
        return {
          problem: `${label} by ${author} was refused: ${by} took away the right it needed at the same time (${revocation.at}), and a revocation wins over what was done at the same time.`,
        };
      }
    }
    return { problem: null };
  }

  /** Why the author (a device, acting for its member) may not make `record` at `state`, or null. */
  private allowed(state: ChainSnapshot, record: RecordHeader): string | null {
    const memberId = state.memberIdOf(record.author);
    const member = memberId === undefined ? undefined : state.members.get(memberId);
    if (!memberId || !member)
      return state.everDevices.has(record.author) && state.members.has(state.everDevices.get(record.author)!.memberId)
        ? 'the device that signed it had been removed.'
        : 'they were not a member of the workspace.';
    if (member.role === 'viewer') return 'Viewers can’t change the workspace.';
    if (record.kind === 'workflow' || record.kind === 'variable') return null;
    const key = state.key(record.id);
    if (!key || key.deleted) return 'that secret key did not exist, or was deleted.';
    return state.rightsOn(memberId, record.id).manage ? null : 'they may not manage that secret key.';
  }

  /**
   * Why a value is wrapped for someone who may not use it (the key, in its environment)
   * where it was written, or is for an environment that didn't exist there; or null. (A
   * revocation made at the same time may still find it wrapped for the person it revoked:
   * nobody writing it could know. The key's managers then give it a new data key.)
   */
  private misaddressed(state: ChainSnapshot, record: RecordHeader, body: ParsedBody): string | null {
    if (body.kind !== 'secret' || body.legacy) return null;
    for (const [environmentId, entry] of Object.entries(body.body.values)) {
      if (!state.environments.has(environmentId)) return `it holds a value for an environment (${environmentId}) that didn’t exist.`;
      if (!('value' in entry)) continue;
      const recipients = new Set(recipientsAt(state, record.id, environmentId));
      const stranger = Object.keys(entry.value.wraps).find((deviceId) => !recipients.has(deviceId));
      if (stranger)
        return `its value in ${state.environments.get(environmentId)!.name} is shared with someone (or a device) who may not use it there (${signerName(state, stranger)}).`;
    }
    return null;
  }
}

export type { KeyInfo, SecretAccess, LinkSet };
