/**
 * Several Keyflow instances (each its own user-data dir, SQLite file and keychain entries)
 * sharing a team workspace through folders that a simulated sync service keeps in step.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach } from 'vitest';
import type { Role } from '../../shared/model/team';
import type { StoredLink } from '../../electron/core/team/chain/chain-link';
import type { SignedRecord, StoredCommit } from '../../electron/core/team/records/signed-records';
import type { AuditRecord } from '../../electron/core/audit/audit-entry';
import type { SecretBody } from '../../electron/core/team/records/record-bodies';
import type { TeamValue } from '../../electron/core/team/team-values';

/** A key's stored value in one environment (Default unless named) as a record body carries it; fails the test when it has none there. */
export function storedValueOf(body: SecretBody, environmentId = 'default'): { valueVersion: number; hint: string | null; value: TeamValue } {
  const entry = body.values[environmentId];
  if (!entry || !('value' in entry)) throw new Error(`the record holds no stored value in ${environmentId}`);
  return entry;
}

/** A workspace file as it is on disk. */
export interface RawWorkspaceFile {
  magic: string;
  format: number;
  workspaceId: string;
  genesis: string;
  chain: StoredLink[];
  commits: StoredCommit[];
  records: string[];
  audit: AuditRecord[];
}

export type ParsedWorkspaceFile = Omit<RawWorkspaceFile, 'records'> & { records: SignedRecord[] };
import { openCore, type TestCore } from './core';
import { tempDir } from './host-process';

export interface Person extends TestCore {
  name: string;
  /** This person's copy of the synced folder. */
  folder: string;
}

/**
 * The people of a test file: `cast('Ann', 'Bob')` opens an instance for each, sharing one
 * synced-folder root per call, and every instance is closed after each test.
 */
export function castOfPeople(label: string): <Names extends string[]>(...names: Names) => Promise<{ [K in keyof Names]: Person }> {
  const people: Person[] = [];
  afterEach(async () => {
    for (const p of people.splice(0)) await p.core.close();
  });
  return async <Names extends string[]>(...names: Names) => {
    const root = tempDir(label);
    const cast = await Promise.all(names.map((name) => person(name, root)));
    people.push(...cast);
    return cast as { [K in keyof Names]: Person };
  };
}

export async function person(name: string, root: string): Promise<Person> {
  const core = await openCore();
  await core.call('identity.update', { name, email: `${name.toLowerCase()}@example.com` });
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  return Object.assign(core, { name, folder });
}

/**
 * A sync service between the people's folders: it copies the file when told, can deliver
 * it late (stale), or — when both sides changed — as a conflicted copy beside the file.
 */
export class SyncService {
  readonly root = tempDir('synced');
  constructor(readonly fileName: string) {}

  pathFor(who: Person): string {
    return join(who.folder, this.fileName);
  }

  /** Copies `from`'s file over `to`'s, as a sync service does when only one side changed. */
  deliver(from: Person, to: Person): void {
    copyFileSync(this.pathFor(from), this.pathFor(to));
  }

  /** Puts `from`'s file beside `to`'s as a Dropbox-style conflicted copy. */
  deliverConflicted(from: Person, to: Person): string {
    const copy = join(to.folder, `${basename(this.fileName, '.keyflow')} (${from.name}'s conflicted copy 2026-11-22).keyflow`);
    copyFileSync(this.pathFor(from), copy);
    return copy;
  }

  /** A snapshot of someone's file, to deliver later (a stale copy). */
  snapshot(who: Person): Buffer {
    return readFileSync(this.pathFor(who));
  }

  restore(to: Person, snapshot: Buffer): void {
    writeFileSync(this.pathFor(to), snapshot);
  }

  /** Someone's file with its records parsed (tests edit them and `write` the file back). */
  readParsed(who: Person): ParsedWorkspaceFile {
    const file = this.read(who);
    return { ...file, records: file.records.map((text) => JSON.parse(text) as SignedRecord) };
  }

  writeParsed(who: Person, file: ParsedWorkspaceFile): void {
    this.write(who, { ...file, records: file.records.map((record) => JSON.stringify(record)) });
  }

  read(who: Person): RawWorkspaceFile {
    return JSON.parse(readFileSync(this.pathFor(who), 'utf8')) as RawWorkspaceFile;
  }

  write(who: Person, file: RawWorkspaceFile): void {
    writeFileSync(this.pathFor(who), JSON.stringify(file));
  }

  exists(who: Person): boolean {
    return existsSync(this.pathFor(who));
  }
}

/** The owner creates a team workspace in their folder; returns the sync service for its file. */
export async function createTeam(owner: Person, name = 'Acme'): Promise<SyncService> {
  const workspace = await owner.call('workspaces.create', { name, folder: owner.folder });
  return new SyncService(basename(workspace.filePath!));
}

/** The admin adds `member` from their shared identity; the file reaches the member, who opens it. */
export async function invite(admin: Person, member: Person, role: Role, sync: SyncService): Promise<void> {
  const { text } = await member.call('identity.export', {});
  await admin.call('team.addMember', { identity: text, role });
  await admin.call('workspaces.sync', {});
  sync.deliver(admin, member);
  await member.call('workspaces.open', { path: sync.pathFor(member) });
}

/** The admin adds `device`'s identity as a device of `member` (their new machine); the file reaches the device, which opens it. */
export async function addAsDevice(admin: Person, member: Person, device: Person, sync: SyncService): Promise<void> {
  const { text } = await device.call('identity.export', {});
  const { memberId } = await member.call('identity.get', {});
  await admin.call('team.addDevice', { memberId, identity: text });
  await admin.call('workspaces.sync', {});
  sync.deliver(admin, device);
  await device.call('workspaces.open', { path: sync.pathFor(device) });
}

/** One instance's copy of the workspace file, and how to make that instance sync it. */
export interface WorkspaceCopy {
  file: string;
  sync(): Promise<unknown>;
}

/**
 * Syncs each copy's instance and delivers its file to the next, round after round, until
 * every copy is the same and a further sync changes nothing.
 */
export async function convergeCopies(copies: WorkspaceCopy[], deliver: (from: string, to: string) => void): Promise<void> {
  const same = () => new Set(copies.map((copy) => readFileSync(copy.file, 'utf8'))).size === 1;
  for (let round = 0; round < 6; round++) {
    for (let i = 0; i < copies.length; i++) {
      await copies[i]!.sync();
      deliver(copies[i]!.file, copies[(i + 1) % copies.length]!.file);
    }
    if (same()) {
      for (const copy of copies) await copy.sync();
      if (same()) return;
    }
  }
  throw new Error('The workspace copies did not converge.');
}

/** Delivers the newest file around until every person's copy is the same and nothing changes. */
export function converge(people: Person[], sync: SyncService): Promise<void> {
  return convergeCopies(
    people.map((p) => ({ file: sync.pathFor(p), sync: () => p.call('workspaces.sync', {}) })),
    copyFileSync,
  );
}
