import type * as WorkerThreads from 'node:worker_threads';
import type * as NodeCrypto from 'node:crypto';
import type * as QuickJS from 'quickjs-emscripten';
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten';
import type { GuestHost, GuestOutcome } from './guest-prelude';
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
export function sandboxWorkerBody(threads: typeof WorkerThreads, quickjs: typeof QuickJS, crypto: typeof NodeCrypto): void {
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

  // Console output goes to the main thread up to the cap plus the lookahead it asked for
  // (and one character more, so it knows there was more); the main thread cuts it at the
  // cap (after redacting) and adds the notice.
  function consoleSink(lookahead: number): (line: string) => void {
    let room = data.maxLogChars + lookahead + 1;
    return (line) => {
      if (room <= 0) return;
      const kept = line.length <= room ? line : line.slice(0, room);
      room -= line.length;
      post({ type: 'log', line: kept });
    };
  }

  /** The URL standard's parse, as the guest's URL class reads it. */
  function urlAnswer(make: () => URL): string {
    try {
      const url = make();
      const { href, origin, protocol, username, password, host, hostname, port, pathname, search, hash } = url;
      return JSON.stringify({ href, origin, protocol, username, password, host, hostname, port, pathname, search, hash });
    } catch (error) {
      return JSON.stringify({ error: error instanceof Error ? error.message : 'Invalid URL' });
    }
  }

  const URL_SETTERS = new Set(['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']);

  /** The guest's host functions, except fetch (asynchronous: see startGuest). */
  function guestHost(run: { watched: Set<string> }, log: (line: string) => void): Omit<GuestHost, 'fetch' | 'loadHelpers' | 'helperNames'> {
    return {
      log,
      read(path) {
        if (run.watched.delete(path)) post({ type: 'read', path });
      },
      parseUrl: (input, base) => urlAnswer(() => new URL(input, base)),
      setUrl: (href, component, value) =>
        urlAnswer(() => {
          const url = new URL(href);
          if (URL_SETTERS.has(component)) (url as unknown as Record<string, string>)[component] = value;
          return url;
        }),
      randomBytes: (length) => crypto.randomBytes(Math.max(0, Math.min(65536, length))).toString('latin1'),
      randomUUID: () => crypto.randomUUID(),
      hash: (algorithm, text, key) =>
        (key === undefined ? crypto.createHash(algorithm) : crypto.createHmac(algorithm, Buffer.from(key, 'latin1')))
          .update(Buffer.from(text, 'latin1'))
          .digest()
          .toString('latin1'),
    };
  }

  function errorText(context: QuickJSContext, handle: QuickJSHandle): string {
    const error: unknown = context.dump(handle);
    if (typeof error === 'object' && error !== null && 'message' in error) {
      return 'name' in error ? `${String(error.name)}: ${String(error.message)}` : String(error.message);
    }
    return `Uncaught ${String(error)}`;
  }

  /** Evaluates the guest prelude and calls it; the result is a GuestRun ({ done, runTimers }). */
  function startGuest(context: QuickJSContext, message: RunMessage, fetches: ActiveRun['fetches']) {
    const prelude = context.evalCode(data.guestSource, 'keyflow:prelude');
    if (prelude.error) return prelude;
    const functions = guestHost({ watched: new Set(message.watched) }, consoleSink(message.logLookahead));
    const hostObject = context.newObject();
    for (const [name, fn] of Object.entries(functions) as [string, (...args: (string | number | undefined)[]) => string | void][]) {
      const handle = context.newFunction(name, (...args) => {
        const result = fn(...args.map((arg) => context.dump(arg) as string | number | undefined));
        return result === undefined ? context.undefined : context.newString(result);
      });
      context.setProp(hostObject, name, handle);
      handle.dispose();
    }
    const hostFetch = context.newFunction('fetch', (request) => {
      const deferred = context.newPromise();
      const id = nextFetchId++;
      fetches.set(id, deferred);
      post({ type: 'fetch', id, requestJson: context.getString(request) });
      return deferred.handle;
    });
    context.setProp(hostObject, 'fetch', hostFetch);
    hostFetch.dispose();
    // Evaluated only when the code first touches a helper (guest-helpers.ts).
    const loadHelpers = context.newFunction('loadHelpers', () => context.unwrapResult(context.evalCode(data.helpersSource, 'keyflow:helpers')));
    context.setProp(hostObject, 'loadHelpers', loadHelpers);
    loadHelpers.dispose();
    context.newString(JSON.stringify(data.helperNames)).consume((names) => context.setProp(hostObject, 'helperNames', names));
    const args = [hostObject, context.newString(message.inputJson), context.newString(JSON.stringify(message.watched)), context.newString(message.code)];
    const started = context.callFunction(prelude.value, context.undefined, args);
    for (const handle of [prelude.value, ...args]) handle.dispose();
    return started;
  }

  /** Waits for a fetch reply (true) or until `wakeAt` (false). */
  function replyOrWake(run: ActiveRun, wakeAt: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(0, wakeAt - Date.now()));
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

    const failure = (reason: () => RunOutcome): RunOutcome => (timedOut ? { ok: false, kind: 'timeout' } : current.capReached ? { ok: false, kind: 'memory' } : reason());
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
      const promise = context.getProp(started.value, 'done');
      const runTimers = context.getProp(started.value, 'runTimers');
      started.value.dispose();
      try {
        for (;;) {
          const jobs = runtime.executePendingJobs();
          if (jobs.error) return failWith(jobs.error);
          const state = context.getPromiseState(promise);
          if (state.type === 'fulfilled') return outcomeOf(state.value);
          if (state.type === 'rejected') return failWith(state.error);
          const timers = context.callFunction(runTimers, context.undefined);
          if (timers.error) return failWith(timers.error);
          const nextTimer = timers.value.consume((handle) => context.getNumber(handle));
          if (nextTimer === 0) continue; // a timer ran: run the jobs it queued
          if (run.fetches.size === 0 && nextTimer < 0) {
            return { ok: false, kind: 'exception', message: 'The code is waiting for a promise that nothing can settle.' };
          }
          const wakeAt = nextTimer < 0 ? deadline : Math.min(deadline, Date.now() + nextTimer);
          if (!(await replyOrWake(run, wakeAt)) && Date.now() >= deadline) return { ok: false, kind: 'timeout' };
        }
      } finally {
        promise.dispose();
        runTimers.dispose();
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
