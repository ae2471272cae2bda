/** Timing helpers and the report table shared by the benchmarks. */

export interface Row {
  measurement: string;
  /** The measured figure, in `unit`. */
  value: number;
  unit: 'ms' | 'µs' | 'M chars/s';
  /** What the figure is compared with, measured in the same run, in the same unit. */
  baseline?: { value: number; label: string };
  /** Already phrased, e.g. "3.1× dispatch" or "2.0× faster". */
  ratio?: string;
  target?: { text: string; met: boolean };
}

const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times each async function `runs` times after `warmup` untimed calls, alternating
 * between them so drift (GC, other processes, CPU clock) hits them alike. Milliseconds.
 */
export async function sampleAsync<K extends string>(fns: Record<K, () => Promise<unknown>>, options: { warmup: number; runs: number }): Promise<Record<K, number[]>> {
  const names = Object.keys(fns) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < options.warmup + options.runs; i++) {
    for (const name of names) {
      const start = process.hrtime.bigint();
      await fns[name]();
      if (i >= options.warmup) samples[name].push(elapsedMs(start));
    }
  }
  return samples;
}

/**
 * Times batches of `batch` calls of each function, alternating between functions batch by
 * batch; returns microseconds per call, one sample per batch. Results are kept in a sink so
 * no call can be optimized away.
 */
export function sampleBatches<K extends string>(fns: Record<K, () => unknown>, options: { batch: number; warmupBatches: number; batches: number }): Record<K, number[]> {
  const names = Object.keys(fns) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  let sink = 0;
  for (let b = 0; b < options.warmupBatches + options.batches; b++) {
    for (const name of names) {
      const fn = fns[name];
      const start = process.hrtime.bigint();
      for (let i = 0; i < options.batch; i++) {
        const result = fn();
        sink += typeof result === 'string' || Array.isArray(result) ? result.length : 1;
      }
      if (b >= options.warmupBatches) samples[name].push((elapsedMs(start) * 1000) / options.batch);
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return samples;
}

function formatNumber(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function printTable(rows: readonly Row[], write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  const header = ['measurement', 'value', 'baseline', 'ratio', 'target', 'result'];
  const cells = rows.map((row) => [
    row.measurement,
    formatNumber(row.value, row.unit),
    row.baseline ? `${formatNumber(row.baseline.value, row.unit)} (${row.baseline.label})` : '—',
    row.ratio ?? '—',
    row.target?.text ?? '—',
    row.target ? (row.target.met ? 'PASS' : 'MISS') : '—',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const format = (line: string[]) =>
    line
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  write(format(header));
  write(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const line of cells) write(format(line));
}
