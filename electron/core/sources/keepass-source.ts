/**
 * KeePassXC / KeePass databases (.kdbx, versions 3 and 4), read with kdbxweb and an
 * Argon2 in WebAssembly (hash-wasm): nothing has to be installed. A database is unlocked
 * with its password and/or key file once per launch; the opened database is kept in this
 * process's memory only (kdbxweb keeps protected fields masked there) and forgotten on
 * lock or quit. Every read checks the file again: when it changed, it is opened afresh
 * with the credentials kept; when it didn't, the database already open answers.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as kdbxNamespace from 'kdbxweb';
import { argon2d, argon2id } from 'hash-wasm';
import type { SourceReference } from '../../../shared/model/source';
import { SourceError } from './source-error';
import { expandHome } from './home-path';

type KdbxApi = typeof kdbxNamespace;
// kdbxweb is a CommonJS bundle: imported from ES modules (the tests) its exports sit on `default`; bundled, on the namespace.
const kdbxweb: KdbxApi = 'Kdbx' in kdbxNamespace ? kdbxNamespace : (kdbxNamespace as unknown as { default: KdbxApi }).default;

kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type) => {
  const derive = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? argon2id : argon2d;
  const out = await derive({
    password: new Uint8Array(password),
    salt: new Uint8Array(salt),
    iterations,
    parallelism,
    memorySize: memory,
    hashLength: length,
    outputType: 'binary',
  });
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
});

/** A .kdbx larger than this is not a password database anyone keeps. */
const MAX_DATABASE_BYTES = 64 * 1024 * 1024;

type KeePassReference = Extract<SourceReference, { provider: 'keepass' }>;

interface Unlocked {
  credentials: InstanceType<KdbxApi['Credentials']>;
  /** The database as last opened, and the hash of the file it was opened from. */
  open: { hash: string; db: InstanceType<KdbxApi['Kdbx']> } | null;
}

const fail = (reason: string) => new SourceError('keepass', reason);

export class KeePassDatabases {
  private readonly unlocked = new Map<string, Unlocked>();

  /** Databases unlocked in this launch (their paths as given). */
  list(): string[] {
    return [...this.unlocked.keys()].sort();
  }

  /** Opens the database with these credentials (refusing wrong ones) and keeps them until lock or quit. */
  async unlock(database: string, password: string | null, keyFile: string | null): Promise<void> {
    const path = databasePath(database);
    if (!password && !keyFile) throw fail('give the database’s password, its key file, or both.');
    let keyData: ArrayBuffer | null = null;
    if (keyFile) {
      const keyPath = expandHome(keyFile);
      if (!keyPath) throw fail(`the key file must be a full path (for example ~/keys/team.keyx); “${keyFile}” is not.`);
      try {
        const bytes = await readFile(keyPath);
        keyData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      } catch (error) {
        throw fail(`the key file ${keyFile} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      }
    }
    const credentials = new kdbxweb.Credentials(password ? kdbxweb.ProtectedValue.fromString(password) : null, keyData);
    const entry: Unlocked = { credentials, open: null };
    await this.opened(database, path, entry);
    this.unlocked.set(database, entry);
  }

  lock(): void {
    this.unlocked.clear();
  }

  async read(source: KeePassReference): Promise<string> {
    const entry = this.unlocked.get(source.database);
    if (!entry) throw fail(`the database ${source.database} is locked: unlock it (Secret Keys ▸ External sources) and try again.`);
    const db = await this.opened(source.database, databasePath(source.database), entry);
    const found = findEntry(db.getDefaultGroup(), source.entry);
    if (!found) throw fail(`no entry “${source.entry}” in ${source.database}.`);
    const field = [...found.fields.keys()].find((name) => name.toLowerCase() === source.field.toLowerCase());
    if (field === undefined) throw fail(`the entry “${source.entry}” has no field “${source.field}”.`);
    const value = found.fields.get(field);
    const text = value instanceof kdbxweb.ProtectedValue ? value.getText() : (value ?? '');
    if (text === '') throw fail(`the field “${source.field}” of “${source.entry}” is empty.`);
    return text;
  }

  /** The database opened from the file as it is now (opened again only when the file changed). */
  private async opened(database: string, path: string, entry: Unlocked): Promise<InstanceType<KdbxApi['Kdbx']>> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw fail(code === 'ENOENT' ? `the database ${database} does not exist on this computer.` : `the database ${database} could not be read (${code ?? 'error'}).`);
    }
    if (bytes.length > MAX_DATABASE_BYTES) throw fail(`${database} is larger than 64 MiB: it is not a KeePass database.`);
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (entry.open?.hash === hash) return entry.open.db;
    try {
      const db = await kdbxweb.Kdbx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, entry.credentials);
      entry.open = { hash, db };
      return db;
    } catch (error) {
      throw fail(loadProblem(database, error));
    }
  }
}

function databasePath(database: string): string {
  const path = expandHome(database);
  if (!path) throw fail(`the database must be a full path (for example ~/Passwords.kdbx); “${database}” is not.`);
  return path;
}

function loadProblem(database: string, error: unknown): string {
  const code = error instanceof kdbxweb.KdbxError ? error.code : null;
  switch (code) {
    case kdbxweb.Consts.ErrorCodes.InvalidKey:
      return `the password or key file is wrong for ${database}.`;
    case kdbxweb.Consts.ErrorCodes.BadSignature:
      return `${database} is not a KeePass database (.kdbx).`;
    case kdbxweb.Consts.ErrorCodes.InvalidVersion:
    case kdbxweb.Consts.ErrorCodes.Unsupported:
      return `${database} uses a KeePass format this version can’t read.`;
    default:
      return `${database} is damaged and could not be opened.`;
  }
}

type Group = ReturnType<InstanceType<KdbxApi['Kdbx']>['getDefaultGroup']>;

/** An entry by its path from the root group ("Team/Stripe", or "/Team/Stripe" as keepassxc-cli writes it). */
function findEntry(root: Group, path: string): Group['entries'][number] | null {
  const parts = path.split('/').filter((part) => part !== '');
  const title = parts.pop();
  if (!title) return null;
  let group: Group | undefined = root;
  for (const name of parts) {
    group = group.groups.find((candidate) => candidate.name === name);
    if (!group) return null;
  }
  return group.entries.find((entry) => entry.fields.get('Title') === title || (entry.fields.get('Title') as { getText?: () => string })?.getText?.() === title) ?? null;
}
