/** Ids are drawn from a pool of random bytes (issue 10): each must still be fresh, across refills of the pool. */
import { describe, expect, it } from 'vitest';
import { newId } from '../../../electron/core/ids';

describe('newId', () => {
  it('gives 16 URL-safe characters of 96 random bits after the prefix, never the same twice, across many refills of the pool', () => {
    const ids = Array.from({ length: 5000 }, (_, index) => newId(index % 2 === 0 ? 'run' : 'aud'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(run|aud)_[A-Za-z0-9_-]{16}$/);
    // No two ids share their random part either (a pool handed out twice would repeat it).
    expect(new Set(ids.map((id) => id.slice(4))).size).toBe(ids.length);
  });
});
