/**
 * What a member running a modified app can do with their real device keys: sign any
 * chain link on any parents, any record under any context, and write it into a copy of
 * the workspace file — the attacker of the team-integrity tests.
 */
import { deserializeDeviceKeys, type DeviceKeys } from '../../electron/core/crypto/device-keys';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { signLink, toChainLink, type ChainChange, type ChainLink } from '../../electron/core/team/chain/chain-link';
import { recordHash, signCommit, type SignedRecord } from '../../electron/core/team/records/signed-records';
import type { Person, RawWorkspaceFile } from './team';

export async function deviceKeysOf(who: Person): Promise<DeviceKeys> {
  const vaultId = who.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
  return deserializeDeviceKeys((await new KeytarKeyStore().get(`device-keys:${vaultId}`))!);
}

export function linksOf(file: Pick<RawWorkspaceFile, 'workspaceId' | 'chain'>): ChainLink[] {
  return file.chain.map((link) => toChainLink(file.workspaceId, link));
}

/** The ids of the chain's newest links. */
export function headsOf(file: Pick<RawWorkspaceFile, 'workspaceId' | 'chain'>): string[] {
  const links = linksOf(file);
  const parents = new Set(links.flatMap((link) => link.parents));
  return links.map((link) => link.id).filter((id) => !parents.has(id));
}

/** The link whose changes match `test`. */
export function linkWhere(file: Pick<RawWorkspaceFile, 'workspaceId' | 'chain'>, test: (change: ChainChange) => boolean): ChainLink {
  const link = linksOf(file).find((candidate) => candidate.changes.some(test));
  if (!link) throw new Error('no such link in the file');
  return link;
}

/** Signs a link with `keys` on `parents` and adds it to `file`. */
export function forgeLink(file: RawWorkspaceFile, keys: DeviceKeys, parents: string[], changes: ChainChange[], at = new Date().toISOString()): ChainLink {
  const link = signLink(file.workspaceId, keys, parents, changes, at);
  file.chain.push(link.stored);
  return link;
}

/** Adds record versions by `keys`' owner to `file`, signed in one commit made on `context`. */
export function forgeRecords(file: RawWorkspaceFile, keys: DeviceKeys, context: string[], records: Omit<SignedRecord, 'author'>[]): string[] {
  const texts = records.map((record) => JSON.stringify({ ...record, author: keys.memberId }));
  file.records.push(...texts);
  file.commits.push(
    signCommit(
      file.workspaceId,
      keys,
      new Date().toISOString(),
      context,
      texts.map((text) => recordHash(file.workspaceId, text)),
    ).stored,
  );
  return texts;
}

/** A clock stamp for `ms` (milliseconds since the epoch) by `memberId`. */
export function stampAt(ms: number, memberId: string, counter = 0): string {
  return `${String(ms).padStart(15, '0')}.${String(counter).padStart(6, '0')}.${memberId}`;
}
