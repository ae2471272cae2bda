/**
 * 1Password through its command line tool, when it is installed: `op read <reference>`
 * (op://vault/item/field) prints the field, as 1Password documents. `op` uses the session
 * of whoever runs Keyflow (the desktop app's integration, `op signin`, or a service
 * account's OP_SERVICE_ACCOUNT_TOKEN).
 */
import type { SourceReference } from '../../../shared/model/source';
import { firstLine, runBounded } from './bounded-process';
import { SourceError } from './source-error';

type OnePasswordReference = Extract<SourceReference, { provider: '1password' }>;

export async function readOnePassword(
  source: OnePasswordReference,
  options: { env: NodeJS.ProcessEnv; timeoutMs: number; maxOutput: number; signal?: AbortSignal },
): Promise<string> {
  const result = await runBounded({
    provider: '1password',
    command: 'op',
    args: ['read', '--no-newline', source.reference],
    env: options.env,
    timeoutMs: options.timeoutMs,
    maxOutput: options.maxOutput,
    signal: options.signal,
    missing: 'the 1Password command line tool (op) is not installed on this computer.',
  });
  if (result.code !== 0) {
    const reason = firstLine(result.stderr).replace(/^\[ERROR\]\s*(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\s*)?/, '');
    if (/not (currently )?signed in|sign ?in/i.test(reason))
      throw new SourceError('1password', `op is not signed in: run “op signin” (or turn on the 1Password app integration) and try again.`);
    throw new SourceError('1password', reason || `op read failed (exit ${result.code}).`);
  }
  const value = result.stdout.toString('utf8');
  if (value === '') throw new SourceError('1password', `${source.reference} is empty.`);
  return value;
}
