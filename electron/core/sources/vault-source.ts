/**
 * HashiCorp Vault's KV secrets engine, version 2, over its HTTP API:
 * GET <address>/v1/<mount>/data/<path> with the token in X-Vault-Token, answering
 * { data: { data: { <field>: value } } }. The token comes from the OS keychain (saved in
 * Keyflow for that server) or, for headless runs, VAULT_TOKEN.
 */
import { request } from 'undici';
import type { SourceReference } from '../../../shared/model/source';
import { SourceError } from './source-error';

type VaultReference = Extract<SourceReference, { provider: 'vault' }>;

/** The server part of an address ("https://vault.example.com:8200"): tokens are kept per server. */
export function vaultServer(address: string): string {
  try {
    return new URL(address).origin;
  } catch {
    throw new SourceError('vault', `“${address}” is not a server address.`);
  }
}

export async function readVault(source: VaultReference, options: { token: string | null; timeoutMs: number; maxOutput: number; signal?: AbortSignal }): Promise<string> {
  if (!options.token) throw new SourceError('vault', `no token for ${vaultServer(source.address)}: save one in Keyflow (External sources ▸ Vault token), or set VAULT_TOKEN.`);
  const path = [source.mount, 'data', source.path].map((part) => part.split('/').filter(Boolean).map(encodeURIComponent).join('/')).join('/');
  const url = `${source.address.replace(/\/+$/, '')}/v1/${path}`;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: 'GET',
      headers: { 'X-Vault-Token': options.token, Accept: 'application/json' },
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (timeout.aborted) throw new SourceError('vault', `${vaultServer(source.address)} gave no answer within ${Math.round(options.timeoutMs / 1000)} s (timed out).`);
    if (options.signal?.aborted) throw new SourceError('vault', 'the run was cancelled.');
    throw new SourceError('vault', `${vaultServer(source.address)} could not be reached (${(error as NodeJS.ErrnoException).code ?? 'connection failed'}).`);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += (chunk as Buffer).length;
    if (bytes > options.maxOutput * 8) {
      response.body.destroy();
      throw new SourceError('vault', 'the answer is far larger than a secret: the value is over 64 KiB.');
    }
    chunks.push(chunk as Buffer);
  }
  const status = response.statusCode;
  if (status === 403) throw new SourceError('vault', `permission denied (HTTP 403): the token may not read ${source.mount}/${source.path}, or it expired.`);
  if (status === 404) throw new SourceError('vault', `no secret at ${source.mount}/${source.path} (HTTP 404).`);
  if (status !== 200) throw new SourceError('vault', `the server answered HTTP ${status}.`);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SourceError('vault', 'the answer is not JSON: is this a Vault server, and the mount a KV version 2 engine?');
  }
  const data = (body as { data?: { data?: Record<string, unknown> } }).data?.data;
  if (!data || typeof data !== 'object') throw new SourceError('vault', `${source.mount}/${source.path} is not a KV version 2 secret.`);
  const value = data[source.field];
  if (value === undefined) throw new SourceError('vault', `${source.mount}/${source.path} has no field “${source.field}”.`);
  if (typeof value !== 'string') throw new SourceError('vault', `the field “${source.field}” is not text.`);
  if (value === '') throw new SourceError('vault', `the field “${source.field}” is empty.`);
  return value;
}
