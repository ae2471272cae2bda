/**
 * Messages between the main thread (sandbox-worker.ts) and a sandbox worker thread
 * (worker-body.ts). Types only: both sides are plain objects over postMessage.
 */

/** Fixed for the worker's lifetime; passed as `workerData`. */
export interface SandboxWorkerData {
  /** `require` path of quickjs-emscripten, resolved by the main thread. */
  quickjsPath: string;
  /** The QuickJS engine, compiled once by the main thread and shared by every worker. */
  wasmModule: WebAssembly.Module;
  /** Source of the function that sets up the guest's globals and runs the code (guest-prelude.ts). */
  guestSource: string;
  /** Source of the standard helpers' factory (guest-helpers.ts), evaluated on first use, and their names. */
  helpersSource: string;
  helperNames: readonly string[];
  /** The engine's own minimum linear memory, where each engine's memory starts. */
  minMemoryBytes: number;
  /** QuickJS's own stack limit, well under the thread's native stack (see worker-launch.ts). */
  maxStackBytes: number;
  /** Console output kept per run (the main thread cuts it; see log-cap.ts). */
  maxLogChars: number;
}

export interface RunMessage {
  type: 'run';
  code: string;
  inputJson: string;
  /** Paths into the input ("token", "steps.fetch") whose first read the worker reports. */
  watched: string[];
  /** Console output sent past maxLogChars, so the main thread can cut it after redacting. */
  logLookahead: number;
  timeoutMs: number;
  memoryLimitBytes: number;
}

/** The host's answer to a guest fetch: the response as JSON, or why there is none. */
export type FetchReply = { ok: true; responseJson: string } | { ok: false; message: string };

export type FetchReplyMessage = { type: 'fetch-reply'; id: number } & FetchReply;

export type ToWorkerMessage = RunMessage | FetchReplyMessage;

export type RunOutcome = { ok: true; outputJson: string } | { ok: false; kind: 'timeout' | 'memory' } | { ok: false; kind: 'exception' | 'invalid-output'; message: string };

export type FromWorkerMessage =
  /** The engine is ready and the run's deadline has begun. */
  { type: 'started' } | { type: 'log'; line: string } | { type: 'read'; path: string } | { type: 'fetch'; id: number; requestJson: string } | { type: 'done'; outcome: RunOutcome };
