/**
 * Real password stores for the external-source tests, made with the real tools from
 * Debian (scripts/setup.mjs installs them for the tests): KeePassXC databases with
 * keepassxc-cli, and a pass store encrypted to a throwaway GnuPG key.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './host-process';

function run(command: string, args: string[], input: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { input, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export interface KeePassDatabase {
  path: string;
  password: string;
  keyFile: string | null;
  /** Adds an entry (groups are created as needed) with this password and optional user name. */
  add(entry: string, value: string, username?: string): void;
}

/** A new database, made by keepassxc-cli, unlocked by a password and (optionally) a key file. */
export function keepassDatabase(options: { password?: string; keyFile?: boolean } = {}): KeePassDatabase {
  const folder = tempDir('kdbx');
  const path = join(folder, 'Team.kdbx');
  const password = options.password ?? 'correct horse battery staple';
  const keyFile = options.keyFile ? join(folder, 'Team.keyx') : null;
  const keyArgs = keyFile ? ['--set-key-file', keyFile] : [];
  // Low decryption time: tests open many databases on a busy machine.
  run('keepassxc-cli', ['db-create', '-q', '-p', '-t', '100', ...keyArgs, path], `${password}\n${password}\n`);
  const unlock = keyFile ? ['-k', keyFile] : [];
  const groups = new Set<string>();
  return {
    path,
    password,
    keyFile,
    add(entry, value, username) {
      const parts = entry.split('/');
      for (let i = 1; i < parts.length; i++) {
        const group = parts.slice(0, i).join('/');
        if (groups.has(group)) continue;
        run('keepassxc-cli', ['mkdir', '-q', ...unlock, path, group], `${password}\n`);
        groups.add(group);
      }
      run('keepassxc-cli', ['add', '-q', ...unlock, '-p', ...(username ? ['-u', username] : []), path, entry], `${password}\n${value}\n`);
    },
  };
}

export interface PassStore {
  /** What pass and GnuPG need to find the store and the key (the provider runs with it). */
  env: { PASSWORD_STORE_DIR: string; GNUPGHOME: string };
  insert(entry: string, content: string): void;
}

/** A password store encrypted to a throwaway GnuPG key without a passphrase (made for this test only). */
export function passStore(): PassStore {
  const home = tempDir('gnupg');
  const store = join(tempDir('pass'), 'store');
  mkdirSync(store);
  const env = { PASSWORD_STORE_DIR: store, GNUPGHOME: home };
  const withEnv = { ...process.env, ...env };
  writeFileSync(join(home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  execFileSync(
    'gpg',
    ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--quick-generate-key', 'Keyflow Test <keyflow-test@example.invalid>', 'default', 'default', 'never'],
    {
      env: withEnv,
      stdio: 'ignore',
    },
  );
  run('pass', ['init', 'keyflow-test@example.invalid'], '', withEnv);
  return {
    env,
    insert(entry, content) {
      run('pass', ['insert', '--multiline', entry], content, withEnv);
    },
  };
}

/**
 * A KDBX 4 database with Argon2id, as KeePassXC's own app makes by default (keepassxc-cli
 * 2.7 makes KDBX 3.1 with AES-KDF), written with kdbxweb and then read back by the real
 * keepassxc-cli — proof the file is one KeePassXC opens.
 */
export async function argon2Database(entry: string, value: string): Promise<{ path: string; password: string }> {
  // The core's KeePass module gives kdbxweb its Argon2 (hash-wasm).
  await import('../../electron/core/sources/keepass-source');
  const ns = await import('kdbxweb');
  const kdbxweb = ('Kdbx' in ns ? ns : (ns as unknown as { default: typeof ns }).default) as typeof ns;
  const password = 'argon2 test passphrase';
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(password)), 'Argon2 test');
  db.setVersion(4);
  db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
  db.header.kdfParameters!.set('M', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(8 * 1024 * 1024));
  db.header.kdfParameters!.set('I', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(2));
  const created = db.createEntry(db.getDefaultGroup());
  created.fields.set('Title', entry);
  created.fields.set('Password', kdbxweb.ProtectedValue.fromString(value));
  const path = join(tempDir('kdbx4'), 'Argon2.kdbx');
  writeFileSync(path, Buffer.from(await db.save()));
  const shown = run('keepassxc-cli', ['show', '-q', '-s', '-a', 'Password', path, entry], `${password}\n`);
  if (shown.trim() !== value) throw new Error('keepassxc-cli could not read back the Argon2 database');
  const info = run('keepassxc-cli', ['db-info', '-q', path], `${password}\n`);
  if (!/KDF: Argon2id/i.test(info)) throw new Error(`not an Argon2id database: ${info}`);
  return { path, password };
}
