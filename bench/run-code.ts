/**
 * 7. Run Code cold start: what each run pays for a fresh QuickJS runtime and context, the
 * prelude, a trivial script and the round trip to a warm worker thread (`measureColdStart`,
 * the sandbox's own measurement). For context, a whole Run Code step through
 * `core.runWorkflow` (run record, progress snapshots, redaction of the output) side by side
 * with the same script on a sandbox called directly.
 */
import type { KeyflowCore } from '../electron/core/keyflow-core';
import { createCodeSandbox, measureColdStart, type RunCodeHost } from '../electron/core/run-code/sandbox';
import type { BridgeResponse } from '../shared/bridge/errors';
import type { Workflow } from '../shared/model/workflow';
import { median, sampleAsync, type Row } from './measure';

const TARGET_MS = 5;
const COLD_RUNS = 200;
const STEP_RUNS = 100;
const CODE = 'return 1';

const quietHost: RunCodeHost = {
  fetch: () => Promise.reject(new Error('no network in this measurement')),
  log: () => {},
};

export async function benchRunCode(core: KeyflowCore, secretCount: number): Promise<{ rows: Row[]; notes: string[] }> {
  const cold = await measureColdStart(COLD_RUNS);
  const rows: Row[] = [
    {
      measurement: `Run Code cold start per run, \`${CODE}\` (median of ${COLD_RUNS})`,
      value: cold.medianMs,
      unit: 'ms',
      target: { text: `median ≤ ${TARGET_MS} ms`, met: cold.medianMs <= TARGET_MS },
    },
  ];
  const notes = [
    `Run Code cold start (measureColdStart, ${cold.runs} runs): median ${cold.medianMs.toFixed(2)} ms, p95 ${cold.p95Ms.toFixed(2)} ms, min ${cold.minMs.toFixed(2)} ms`,
  ];

  const created = (await core.dispatch('workflows.create', { name: 'Bench: Run Code' })) as BridgeResponse<Workflow>;
  if (!created.ok) throw new Error(`workflows.create failed: ${created.error.message}`);
  const saved = await core.dispatch('workflows.save', {
    id: created.result.id,
    name: created.result.name,
    definition: {
      trigger: { kind: 'manual' },
      steps: [{ id: 'code', name: 'Trivial code', action: 'code.run', config: { code: CODE, variables: [], timeoutMs: 10_000, memoryLimitMb: 64 } }],
    },
  });
  if (!saved.ok) throw new Error(`workflows.save failed: ${saved.error.message}`);

  const sandbox = createCodeSandbox();
  try {
    const viaCore = async () => {
      const run = await core.runWorkflow(created.result.id);
      if (run.status !== 'ok' || run.steps[0]!.output !== 1) throw new Error(`the Run Code workflow ended ${run.status}: ${JSON.stringify(run.steps[0]!.error)}`);
    };
    const direct = async () => {
      const result = await sandbox.run({ code: CODE, input: { steps: {} }, timeoutMs: 10_000, memoryLimitBytes: 64 * 1024 * 1024 }, quietHost);
      if (!result.ok || result.output !== 1) throw new Error('the sandbox did not return 1');
    };
    const samples = await sampleAsync({ viaCore, direct }, { warmup: 10, runs: STEP_RUNS });
    const step = median(samples.viaCore);
    const alone = median(samples.direct);
    rows.push({
      measurement: `Run Code step via core.runWorkflow, ${secretCount.toLocaleString('en')} secrets in workspace (median of ${STEP_RUNS})`,
      value: step,
      unit: 'ms',
      baseline: { value: alone, label: 'sandbox.run, same script' },
      ratio: `+${(step - alone).toFixed(2)} ms (${(step / alone).toFixed(2)}×)`,
    });
  } finally {
    await sandbox.close();
  }
  return { rows, notes };
}
