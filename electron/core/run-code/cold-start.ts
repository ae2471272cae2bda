import { createCodeSandbox } from './code-sandbox';
import type { RunCodeHost } from './types';

export interface ColdStartFigures {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

const quietHost: RunCodeHost = {
  fetch: () => Promise.reject(new Error('no network in this measurement')),
  log: () => {},
};

/**
 * Per-run cost of Run Code for a trivial script (`return 1`), as a runner sees it: a fresh
 * QuickJS runtime and context, the prelude, the code, and the round trip to a warm worker.
 * One untimed run first starts the thread and instantiates the engine. For bench/.
 */
export async function measureColdStart(runs = 200): Promise<ColdStartFigures> {
  const sandbox = createCodeSandbox({ poolSize: 1 });
  try {
    await sandbox.run({ code: 'return 1', input: null }, quietHost);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = await sandbox.run({ code: 'return 1', input: null }, quietHost);
      samples.push(performance.now() - started);
      if (!result.ok || result.output !== 1) throw new Error('Run Code measurement: the trivial script failed');
    }
    samples.sort((a, b) => a - b);
    const at = (fraction: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * fraction))] as number;
    return { runs, medianMs: at(0.5), p95Ms: at(0.95), minMs: at(0) };
  } finally {
    await sandbox.close();
  }
}
