/**
 * Reads linked values from their external sources, in main, at run time: never stored,
 * never logged, at most 64 KiB, within a deadline. One per process: the KeePass databases
 * unlocked in this launch and the Vault tokens it was given live here.
 */
import { SECRET_VALUE_MAX_BYTES, secretValueProblem } from '../../../shared/model/secret';
import type { SourceReference, SourceTestResult } from '../../../shared/model/source';
import { valueHint } from '../../../shared/model/team';
import { KeePassDatabases } from './keepass-source';
import { readPass } from './pass-source';
import { readEnv } from './env-source';
import { readOnePassword } from './onepassword-source';
import { readVault, vaultServer } from './vault-source';
import { SourceError } from './source-error';

/** Where Vault tokens are kept: the OS keychain beside the master key (or sealed under it). */
export interface TokenStore {
  get(server: string): Promise<string | null>;
  set(server: string, token: string): Promise<void>;
}

export interface SourceResolverOptions {
  /** The environment providers run in and environment-variable keys are read from. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  tokens: TokenStore;
  /** Told of every value read (the development tripwire watches for them). */
  onValue?: (value: string) => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Output a tool may print: the largest value and a line break. */
const MAX_OUTPUT = SECRET_VALUE_MAX_BYTES + 2;

export class SourceResolver {
  readonly keepass = new KeePassDatabases();
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;

  constructor(private readonly options: SourceResolverOptions) {
    this.env = options.env ?? process.env;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The value a reference points at now; a SourceError (provider and reason, no value) when it can't be read. */
  async fetch(source: SourceReference, signal?: AbortSignal): Promise<string> {
    const limits = { env: this.env, timeoutMs: this.timeoutMs, maxOutput: MAX_OUTPUT, signal };
    let value: string;
    switch (source.provider) {
      case 'keepass':
        value = await this.keepass.read(source);
        break;
      case 'pass':
        value = await readPass(source, limits);
        break;
      case 'env':
        value = await readEnv(source, this.env);
        break;
      case '1password':
        value = await readOnePassword(source, limits);
        break;
      case 'vault': {
        const token = (await this.options.tokens.get(vaultServer(source.address))) ?? this.env.VAULT_TOKEN ?? null;
        value = await readVault(source, { ...limits, token });
        break;
      }
    }
    const problem = secretValueProblem(value);
    if (problem) throw new SourceError(source.provider, problem === 'Value is larger than 64 KiB.' ? 'the value is larger than 64 KiB, the most a key can hold.' : problem);
    this.options.onValue?.(value);
    return value;
  }

  /** Fetches the value to prove the link works: its length and hint, never the value. */
  async test(source: SourceReference, visibility: 'masked' | 'hidden' = 'masked'): Promise<SourceTestResult> {
    const value = await this.fetch(source);
    return { provider: source.provider, length: [...value].length, hint: valueHint(value, visibility) };
  }

  async saveVaultToken(address: string, token: string): Promise<void> {
    await this.options.tokens.set(vaultServer(address), token);
    this.options.onValue?.(token);
  }
}
