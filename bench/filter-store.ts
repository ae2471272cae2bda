/**
 * 3. Filtering the list in the renderer store: the renderer's own `filterSecrets` against
 * a naive `items.filter(s => s.name.toLowerCase().includes(q))`, over the list the bridge returned.
 */
import { filterSecrets } from '../renderer/src/store/filter-secrets';
import type { SecretMeta } from '../shared/model/secret';
import { median, sampleBatches, type Row } from './measure';

/** One frame at 60 Hz: a filter that runs on every keystroke should fit in it. */
const FRAME_MS = 1000 / 60;
const QUERIES = ['Stripe', '0004', 'no such key'];

export function benchFilter(items: readonly SecretMeta[]): Row[] {
  const rows: Row[] = [];
  for (const query of QUERIES) {
    const q = query.toLowerCase();
    const naive = () => items.filter((s) => s.name.toLowerCase().includes(q));
    const store = () => filterSecrets(items, query, 'all');
    const matches = store().length;
    if (matches !== naive().length) throw new Error(`filterSecrets and the naive filter disagree on "${query}"`);
    const samples = sampleBatches({ store, naive }, { batch: 5, warmupBatches: 4, batches: 30 });
    rows.push(row(`filterSecrets "${query}" (${matches} hits, warm)`, median(samples.store), median(samples.naive)));
  }

  // The first keystroke after a fresh list: the per-item search keys are not cached yet.
  const cold: number[] = [];
  const naiveOnFresh: number[] = [];
  for (let i = 0; i < 9; i++) {
    const fresh = JSON.parse(JSON.stringify(items)) as SecretMeta[];
    let start = process.hrtime.bigint();
    filterSecrets(fresh, QUERIES[0]!, 'all');
    cold.push(Number(process.hrtime.bigint() - start) / 1e3);
    start = process.hrtime.bigint();
    fresh.filter((s) => s.name.toLowerCase().includes(QUERIES[0]!.toLowerCase()));
    naiveOnFresh.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  rows.push(row(`filterSecrets "${QUERIES[0]}" (first call on a fresh list)`, median(cold), median(naiveOnFresh)));
  return rows;
}

function row(measurement: string, storeUs: number, naiveUs: number): Row {
  return {
    measurement,
    value: storeUs,
    unit: 'µs',
    baseline: { value: naiveUs, label: 'naive filter' },
    ratio: `${(storeUs / naiveUs).toFixed(2)}× naive`,
    target: { text: '< 16.7 ms (1 frame)', met: storeUs < FRAME_MS * 1000 },
  };
}
