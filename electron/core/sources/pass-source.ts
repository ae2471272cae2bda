/**
 * pass, the standard Unix password store: `pass show <entry>` decrypts the entry with
 * GnuPG (its agent asks for the key's passphrase when it needs one). The value is the first
 * line, or the line "field: value" when a field is named (the convention of pass's
 * browser extensions and of `passff`).
 */
import type { SourceReference } from '../../../shared/model/source';
import { firstLine, runBounded } from './bounded-process';
import { SourceError } from './source-error';

type PassReference = Extract<SourceReference, { provider: 'pass' }>;

export async function readPass(source: PassReference, options: { env: NodeJS.ProcessEnv; timeoutMs: number; maxOutput: number; signal?: AbortSignal }): Promise<string> {
  if (source.entry.startsWith('-') || source.entry.split('/').includes('..')) throw new SourceError('pass', `“${source.entry}” is not an entry name.`);
  const result = await runBounded({
    provider: 'pass',
    command: 'pass',
    args: ['show', '--', source.entry],
    env: options.env,
    timeoutMs: options.timeoutMs,
    maxOutput: options.maxOutput,
    signal: options.signal,
    missing: 'pass is not installed on this computer (install the “pass” package).',
  });
  if (result.code !== 0) {
    const reason = firstLine(result.stderr);
    if (/not in the password store/i.test(reason)) throw new SourceError('pass', `no entry “${source.entry}” in the password store.`);
    if (/decryption failed|no secret key|gpg/i.test(reason)) throw new SourceError('pass', `GnuPG could not decrypt “${source.entry}” (${reason}).`);
    throw new SourceError('pass', reason || `pass show failed (exit ${result.code}).`);
  }
  const text = result.stdout.toString('utf8');
  const lines = text.split(/\r?\n/);
  if (source.field === null) {
    if (!lines[0]) throw new SourceError('pass', `the first line of “${source.entry}” is empty.`);
    return lines[0];
  }
  const wanted = source.field.toLowerCase();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) {
      const value = line.slice(colon + 1).trim();
      if (value) return value;
    }
  }
  throw new SourceError('pass', `“${source.entry}” has no line “${source.field}: …”.`);
}
