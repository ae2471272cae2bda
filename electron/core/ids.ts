import { randomBytes } from 'node:crypto';

const ID_BYTES = 12;
/** Random bytes are drawn for 256 ids at a time: one call to the CSPRNG per id cost as much as the rest of a run's bookkeeping. */
const POOL_BYTES = ID_BYTES * 256;
let pool = Buffer.alloc(0);
let used = 0;

/** A random, URL-safe id with a prefix that says what it names (e.g. "sec_…"). Each pooled byte is used once. */
export function newId(prefix: 'sec' | 'ws' | 'wf' | 'run' | 'step' | 'aud' | 'grp' | 'env' | 'var'): string {
  if (used + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const id = pool.toString('base64url', used, used + ID_BYTES);
  used += ID_BYTES;
  return `${prefix}_${id}`;
}
