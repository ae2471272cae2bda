import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { WorkerOptions } from 'node:worker_threads';
import { guestPrelude } from './guest-prelude';
import { guestHelpers, HELPER_NAMES } from './guest-helpers';
import type { SandboxWorkerData } from './protocol';
import { MIN_MEMORY_LIMIT_BYTES } from './run-request';
import { sandboxWorkerBody } from './worker-body';
import { MAX_LOG_CHARS } from './types';

/**
 * How a sandbox worker thread is started. The worker is an `eval` worker whose script is
 * built from sandboxWorkerBody's own source, so there is no worker file to locate: the
 * same code runs from the TypeScript sources under vitest, from the esbuild bundles in
 * dist/ and from a packaged app.asar. The only thing located at run time is the
 * quickjs-emscripten package, by `require.resolve` — CommonJS `require` exists both in the
 * bundles and under vitest — and Electron reads app.asar from worker threads too.
 */
export interface WorkerLaunch {
  source: string;
  options: WorkerOptions;
}

// QuickJS's stack limit must stay far below the thread's native stack: wasm frames live on
// the native stack and cost much more there than QuickJS counts (a deeply nested expression
// in the parser needs ~60x). Overflowing the native stack would leave the engine corrupt.
const QUICKJS_MAX_STACK_BYTES = 256 * 1024;
const WORKER_STACK_MB = 32;
// The worker's own heap holds a run's output and logs on their way out.
const WORKER_HEAP_MB = 256;

let launch: Promise<WorkerLaunch> | undefined;

/**
 * A function's source as an expression that evaluates to that function on its own.
 * Transpilers that keep function names (esbuild's keepNames, which tsx uses) insert calls
 * to a `__name` helper into function bodies; a private no-op stands in for it.
 */
function selfContained(fn: (...args: never[]) => unknown): string {
  return `(() => { const __name = (target) => target; return (${fn.toString()}); })()`;
}

/** Built once per process (the wasm is compiled once and shared by every worker). */
export function loadWorkerLaunch(): Promise<WorkerLaunch> {
  launch ??= buildLaunch().catch((error: unknown) => {
    launch = undefined;
    throw error;
  });
  return launch;
}

async function buildLaunch(): Promise<WorkerLaunch> {
  const quickjsPath = require.resolve('quickjs-emscripten');
  const wasmPath = createRequire(quickjsPath).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  const workerData: SandboxWorkerData = {
    quickjsPath,
    wasmModule: await WebAssembly.compile(await readFile(wasmPath)),
    guestSource: selfContained(guestPrelude),
    helpersSource: selfContained(guestHelpers),
    helperNames: HELPER_NAMES,
    minMemoryBytes: MIN_MEMORY_LIMIT_BYTES,
    maxStackBytes: QUICKJS_MAX_STACK_BYTES,
    maxLogChars: MAX_LOG_CHARS,
  };
  const source = [
    "'use strict';",
    "const threads = require('node:worker_threads');",
    `${selfContained(sandboxWorkerBody)}(threads, require(threads.workerData.quickjsPath), require('node:crypto'));`,
  ].join('\n');
  return {
    source,
    options: {
      eval: true,
      workerData,
      env: {}, // an empty environment: nothing of the app's leaks into the thread
      execArgv: [],
      stdin: false,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: WORKER_STACK_MB },
    },
  };
}
