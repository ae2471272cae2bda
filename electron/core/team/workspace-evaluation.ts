/**
 * Everything a team workspace holds, evaluated to what counts: the chain resolved, then
 * for every record the version that wins — the one with the highest clock among those
 * that count (record-rules.ts), so that versions that lost keep waiting in history and a
 * revocation that sets a winner aside brings the best remaining one back.
 */
import { resolveChain, type ResolvedChain } from './chain/chain-resolver';
import type { ChainLink } from './chain/chain-link';
import { legacyKeyFacts, parseBody, RecordRules, type ParsedBody } from './records/record-rules';
import { parseRecordText } from './records/record-text';
import type { Commit, RecordHeader, SignedRecord } from './records/signed-records';
import type { VersionRow } from './team-repository';

/** A record version held here, parsed once (its body kept only as checked: one copy in memory, not two). */
export interface HeldVersion {
  row: VersionRow;
  record: RecordHeader;
  body: ParsedBody | null;
  /** Signed by a format 1 commit. */
  legacy: boolean;
}

/** The versions held here, by hash and by record, parsed as they arrive. */
export class VersionIndex {
  readonly byHash = new Map<string, HeldVersion>();
  readonly byRecord = new Map<string, HeldVersion[]>();

  constructor(private readonly commits: ReadonlyMap<string, Commit>) {}

  /** Adds a version held here (`record`: its text already parsed, when it was just made). */
  add(row: VersionRow, parsed?: SignedRecord): HeldVersion | null {
    const existing = this.byHash.get(row.hash);
    if (existing) {
      existing.row = row;
      return existing;
    }
    const record = parsed ?? parseRecordText(row.text);
    if (!record) return null;
    const legacy = this.commits.get(row.commit)?.context === null;
    const { body, ...header } = record;
    const held: HeldVersion = { row, record: header, body: parseBody({ ...header, body }, legacy), legacy };
    this.byHash.set(row.hash, held);
    const list = this.byRecord.get(record.id) ?? [];
    list.push(held);
    this.byRecord.set(record.id, list);
    return held;
  }

  /** A version made here was signed: it now names its commit. */
  signed(hash: string, commit: Commit): void {
    const held = this.byHash.get(hash);
    if (held) held.row = { ...held.row, commit: commit.id, context: null };
  }

  forgetSecrets(): void {
    for (const [id, versions] of this.byRecord) {
      if (versions[0]?.record.kind !== 'secret') continue;
      for (const version of versions) this.byHash.delete(version.row.hash);
      this.byRecord.delete(id);
    }
  }
}

export interface WorkspaceEvaluation {
  chain: ResolvedChain;
  /** The version of each record that counts now. */
  winners: Map<string, HeldVersion>;
  /** Versions newer than the winner that don't count, and why. */
  refused: string[];
  /** Versions that may count later (stamped ahead, or waiting for chain links). */
  waiting: string[];
  /** Format 1 versions the file must keep carrying: their keys' creators and access are nowhere else yet. */
  carried: HeldVersion[];
}

export function evaluateWorkspace(input: {
  links: Iterable<ChainLink>;
  genesisId: string;
  versions: VersionIndex;
  commits: ReadonlyMap<string, Commit>;
  me: string;
  nowMs: number;
}): WorkspaceEvaluation {
  const legacyVersions = [...input.versions.byHash.values()].filter((held) => held.legacy && held.body !== null);
  const chain = resolveChain(input.links, input.genesisId, legacyKeyFacts(legacyVersions.map((held) => ({ record: held.record, hash: held.row.hash, body: held.body! }))));
  const rules = new RecordRules(chain, input.me, input.nowMs);
  const winners = new Map<string, HeldVersion>();
  const refused: string[] = [];
  const waiting: string[] = [];
  const liveKeys = chain.final.liveKeys();
  for (const [id, versions] of input.versions.byRecord) {
    // A deleted key has no version that counts (its history stays here).
    if (versions[0]!.record.kind === 'secret' && !liveKeys.has(id)) continue;
    const ranked =
      versions.length === 1
        ? versions
        : [...versions].sort((a, b) => (a.record.clock !== b.record.clock ? (a.record.clock < b.record.clock ? 1 : -1) : a.row.hash < b.row.hash ? 1 : -1));
    for (const held of ranked) {
      const commit = held.row.commit === '' ? null : input.commits.get(held.row.commit);
      if (commit === undefined) continue; // its commit isn't held here: it never counted
      const judgement = rules.judge({ hash: held.row.hash, record: held.record, commit, context: held.row.context }, held.body);
      if (judgement.problem === null) {
        winners.set(id, held);
        break;
      }
      (judgement.early ? waiting : refused).push(judgement.problem);
    }
  }
  const carried: HeldVersion[] = [];
  const bestLegacy = new Map<string, HeldVersion>();
  for (const held of legacyVersions) {
    if (held.record.kind !== 'secret') continue;
    const best = bestLegacy.get(held.record.id);
    if (!best || held.record.clock > best.record.clock || (held.record.clock === best.record.clock && held.row.hash > best.row.hash)) bestLegacy.set(held.record.id, held);
  }
  for (const [id, held] of bestLegacy) if (!chain.final.inChain(id) && winners.get(id) !== held) carried.push(held);
  return { chain, winners, refused, waiting, carried };
}
