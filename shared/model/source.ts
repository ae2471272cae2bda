/**
 * External sources: a key's value in an environment may live in a store the team already
 * keeps (a KeePass database, pass, an environment variable or .env file, 1Password, HashiCorp
 * Vault). Keyflow keeps only the reference below — never the value — and main reads the
 * value at run time. A reference is not secret: it is shown, synced and exported as it is.
 */
import { z } from 'zod';

export const SOURCE_PROVIDERS = ['keepass', 'pass', 'env', '1password', 'vault'] as const;
export type SourceProvider = (typeof SOURCE_PROVIDERS)[number];

export const PROVIDER_LABELS: Record<SourceProvider, string> = {
  keepass: 'KeePassXC / KeePass',
  pass: 'pass',
  env: 'Environment variable',
  '1password': '1Password',
  vault: 'HashiCorp Vault',
};

const text = (max: number) => z.string().trim().min(1).max(max);
const path = text(4096);

export const sourceSchema = z.discriminatedUnion('provider', [
  /** A .kdbx database (a leading ~/ is the home folder of whoever runs it), an entry's path from the root group, a field. */
  z.object({ provider: z.literal('keepass'), database: path, entry: text(1000), field: text(200) }).strict(),
  /** An entry of the password store; its first line, or the line "field: value" when a field is named. */
  z.object({ provider: z.literal('pass'), entry: text(1000).regex(/^[^\0]+$/), field: text(200).nullable() }).strict(),
  /** An environment variable, or a name in a .env file when one is given. */
  z.object({ provider: z.literal('env'), name: text(200).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name (letters, digits, _)'), file: path.nullable() }).strict(),
  /** A secret reference as 1Password's `op read` takes it. */
  z.object({ provider: z.literal('1password'), reference: text(1000).regex(/^op:\/\/[^/]+\/[^/]+\/.+$/, 'must look like op://vault/item/field') }).strict(),
  /** A KV version 2 secret: the server, the engine's mount, the secret's path and one of its fields. */
  z
    .object({
      provider: z.literal('vault'),
      address: text(2000).regex(/^https?:\/\/[^\s/]+/, 'must be the server address, such as https://vault.example.com:8200'),
      mount: text(200).regex(/^[^\s?#]+$/),
      path: text(1000).regex(/^[^\s?#]+$/),
      field: text(200),
    })
    .strict(),
]);
export type SourceReference = z.infer<typeof sourceSchema>;

/** What the Test action reports: the value was fetched — its length and hint, never the value. */
export interface SourceTestResult {
  provider: SourceProvider;
  /** Characters in the value. */
  length: number;
  /** Its last characters, under the same rule as a masked key's hint (long values only). */
  hint: string | null;
}

/** What the External sources panel shows: the KeePass databases unlocked in this launch. */
export interface SourcesStatus {
  unlockedDatabases: string[];
}

/** The reference in one line, for people. */
export function describeSource(source: SourceReference): string {
  switch (source.provider) {
    case 'keepass':
      return `${source.database} › ${source.entry} › ${source.field}`;
    case 'pass':
      return `${source.entry}${source.field ? ` › ${source.field}` : ' (first line)'}`;
    case 'env':
      return source.file ? `${source.name} in ${source.file}` : `$${source.name}`;
    case '1password':
      return source.reference;
    case 'vault':
      return `${source.address.replace(/\/+$/, '')} › ${source.mount}/${source.path} › ${source.field}`;
  }
}
