import type * as WorkerThreads from 'node:worker_threads';
import type * as QuickJS from 'quickjs-emscripten';
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten';
import type { GuestOutcome } from './guest-prelude';
import type { FetchReplyMessage, FromWorkerMessage, RunMessage, RunOutcome, SandboxWorkerData, ToWorkerMessage } from './protocol';

/**
 * The body of a sandbox worker thread. worker-launch.ts turns this function's source into
 * the worker's `eval` script, so it must be self-contained: it refers to nothing outside
 * its own body (type imports vanish) and receives its two modules as arguments.
 *
 * The QuickJS engine is instantiated once and stays warm; every run gets a fresh runtime
 * and context, a deadline (interrupt handler), QuickJS's memory and stack limits, and is
 * disposed afterwards, so nothing leaks from one run to the next.
 */
export function sandboxWorkerBody(threads: typeof WorkerThreads, quickjs: typeof QuickJS): void {
  const WASM_PAGE_BYTES = 65_536;
  const port = threads.parentPort as WorkerThreads.MessagePort;
  const data = threads.workerData as SandboxWorkerData;

  interface Engine {
    memoryLimitBytes: number;
    module: Promise<QuickJSWASMModule>;
    /** Set when an allocation needed memory beyond the cap. */
    capReached: boolean;
  }
  interface ActiveRun {
    context: QuickJSContext;
    fetches: Map<number, QuickJSDeferredPromise>;
    wake: () => void;
  }

  let engine: Engine | undefined;
  let active: ActiveRun | undefined;
  let nextFetchId = 1;

  const post = (message: FromWorkerMessage): void => port.postMessage(message);

  // One engine per memory limit, its whole linear memory capped at the limit. In this build
  // QuickJS's own accounting (runtime.setMemoryLimit) bounds single allocations only, so the
  // cap is what makes the limit cumulative. Memory starts at the engine's minimum and
  // Emscripten grows it through `grow`, which throws at the cap: that is how a run is known
  // to have run out of memory. (Emscripten over-asks when it grows, so the last ~5% below
  // the cap may go unused.)
  function engineFor(memoryLimitBytes: number): Engine {
    if (engine?.memoryLimitBytes === memoryLimitBytes) return engine;
    const memory = new WebAssembly.Memory({
      initial: Math.ceil(data.minMemoryBytes / WASM_PAGE_BYTES),
      maximum: Math.ceil(memoryLimitBytes / WASM_PAGE_BYTES),
    });
    const grow = memory.grow.bind(memory);
    const variant = quickjs.newVariant(quickjs.RELEASE_SYNC, { wasmModule: data.wasmModule, wasmMemory: memory });
    const created: Engine = { memoryLimitBytes, module: quickjs.newQuickJSWASMModuleFromVariant(variant), capReached: false };
    memory.grow = (delta: number) => {
      try {
        return grow(delta);
      } catch (error) {
        created.capReached = true;
        throw error;
      }
    };
    engine = created;
    return created;
  }

  function consoleSink(): (line: string) => void {
    let room = data.maxLogChars;
    return (line) => {
      if (room < 0) return; // already truncated
      if (line.length <= room) {
        room -= line.length;
        post({ type: 'log', line });
        return;
      }
      if (room > 0) post({ type: 'log', line: line.slice(0, room) });
      room = -1;
      post({ type: 'log', line: `[console output truncated after ${data.maxLogChars} characters]` });
    };
  }

  function errorText(context: QuickJSContext, handle: QuickJSHandle): string {
    const error: unknown = context.dump(handle);
    if (typeof error === 'object' && error !== null && 'message' in error) {
      return 'name' in error ? `${String(error.name)}: ${String(error.message)}` : String(error.message);
    }
    return `Uncaught ${String(error)}`;
  }

  /** Evaluates the guest prelude and calls it; the result is the promise of a GuestOutcome. */
  function startGuest(context: QuickJSContext, message: RunMessage, fetches: ActiveRun['fetches']) {
    const prelude = context.evalCode(data.guestSource, 'keyflow:prelude');
    if (prelude.error) return prelude;
    const log = consoleSink();
    const hostLog = context.newFunction('log', (line) => {
      log(context.getString(line));
    });
    const hostFetch = context.newFunction('fetch', (request) => {
      const deferred = context.newPromise();
      const id = nextFetchId++;
      fetches.set(id, deferred);
      post({ type: 'fetch', id, requestJson: context.getString(request) });
      return deferred.handle;
    });
    const args = [hostLog, hostFetch, context.newString(message.inputJson), context.newString(message.code)];
    const started = context.callFunction(prelude.value, context.undefined, args);
    for (const handle of [prelude.value, ...args]) handle.dispose();
    return started;
  }

  function replyOrDeadline(run: ActiveRun, deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
      run.wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  function settleFetch(reply: FetchReplyMessage): void {
    const run = active;
    const deferred = run?.fetches.get(reply.id);
    if (!run || !deferred) return; // the run it belonged to is over
    run.fetches.delete(reply.id);
    const { context } = run;
    const value = reply.ok ? context.newString(reply.responseJson) : context.newError({ name: 'TypeError', message: reply.message });
    if (reply.ok) deferred.resolve(value);
    else deferred.reject(value);
    value.dispose();
    run.wake();
  }

  async function runInFreshRuntime(module: QuickJSWASMModule, current: Engine, message: RunMessage): Promise<RunOutcome> {
    const runtime = module.newRuntime();
    const deadline = Date.now() + message.timeoutMs;
    const pastDeadline = quickjs.shouldInterruptAfterDeadline(deadline);
    let timedOut = false;
    runtime.setInterruptHandler((rt) => {
      timedOut = timedOut || pastDeadline(rt) === true;
      return timedOut;
    });
    runtime.setMemoryLimit(message.memoryLimitBytes);
    runtime.setMaxStackSize(data.maxStackBytes);
    const context = runtime.newContext();
    const run: ActiveRun = { context, fetches: new Map(), wake: () => {} };
    active = run;

    const failure = (reason: () => RunOutcome): RunOutcome =>
      timedOut ? { ok: false, kind: 'timeout' } : current.capReached ? { ok: false, kind: 'memory' } : reason();
    const failWith = (handle: QuickJSHandle): RunOutcome => {
      try {
        return failure(() => ({ ok: false, kind: 'exception', message: errorText(context, handle) }));
      } finally {
        handle.dispose();
      }
    };
    const outcomeOf = (handle: QuickJSHandle): RunOutcome => {
      const kind = context.getProp(handle, 'kind').consume((h) => context.getString(h)) as GuestOutcome['kind'];
      const value = context.getProp(handle, 'value').consume((h) => context.getString(h));
      handle.dispose();
      if (kind === 'ok') return { ok: true, outputJson: value };
      // QuickJS's own check refuses a single allocation beyond the limit with this error.
      const outOfMemory = kind === 'exception' && value.startsWith('InternalError: out of memory');
      return failure(() => (outOfMemory ? { ok: false, kind: 'memory' } : { ok: false, kind, message: value }));
    };

    try {
      const started = startGuest(context, message, run.fetches);
      if (started.error) return failWith(started.error);
      const promise = started.value;
      try {
        for (;;) {
          const jobs = runtime.executePendingJobs();
          if (jobs.error) return failWith(jobs.error);
          const state = context.getPromiseState(promise);
          if (state.type === 'fulfilled') return outcomeOf(state.value);
          if (state.type === 'rejected') return failWith(state.error);
          if (run.fetches.size === 0) {
            return { ok: false, kind: 'exception', message: 'The code is waiting for a promise that nothing can settle.' };
          }
          if (!(await replyOrDeadline(run, deadline))) return { ok: false, kind: 'timeout' };
        }
      } finally {
        promise.dispose();
      }
    } finally {
      active = undefined;
      for (const deferred of run.fetches.values()) deferred.dispose();
      context.dispose();
      runtime.dispose();
    }
  }

  async function run(message: RunMessage): Promise<RunOutcome> {
    const current = engineFor(message.memoryLimitBytes);
    try {
      const module = await current.module;
      current.capReached = false;
      post({ type: 'started' });
      const outcome = await runInFreshRuntime(module, current, message);
      // Linear memory never shrinks: after a run hit the cap, start the next one on a new engine.
      if (!outcome.ok && outcome.kind === 'memory') engine = undefined;
      return outcome;
    } catch (error) {
      // The engine itself failed (e.g. the thread's native stack overflowed inside the wasm):
      // its state can't be trusted any more, so the next run gets a new one.
      engine = undefined;
      const reason = error instanceof Error ? error.message : 'unknown failure';
      return { ok: false, kind: 'exception', message: `The sandbox engine failed and was reset: ${reason}` };
    }
  }

  port.on('message', (message: ToWorkerMessage) => {
    if (message.type === 'fetch-reply') settleFetch(message);
    else void run(message).then((outcome) => post({ type: 'done', outcome }));
  });
}
