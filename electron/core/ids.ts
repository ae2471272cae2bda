import { randomBytes } from 'node:crypto';

/** A random, URL-safe id with a prefix that says what it names (e.g. "sec_…"). */
export function newId(prefix: 'sec' | 'ws' | 'wf' | 'run' | 'step' | 'aud' | 'grp' | 'env' | 'var'): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
