/**
 * The public contract of the Run Code sandbox: what a runner sends, what the host
 * provides, and what comes back.
 */

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;
/** Console output kept per run; anything beyond is replaced by one notice. */
export const MAX_LOG_CHARS = 1_000_000;

export interface RunCodeRequest {
  /** The body of an async function: `return` gives the step's output, `await` works. */
  code: string;
  /** Previous steps' outputs and the step's declared variables; must be JSON-serializable. */
  input: unknown;
  /** Wall-clock deadline for the run. Default 10 s. */
  timeoutMs?: number;
  /** Cap on the sandbox's memory (16 MiB to 2 GiB). Default 64 MiB. */
  memoryLimitBytes?: number;
  /** Dotted paths into `input` ("token", "steps.fetch") whose first read by the code the host hears of (`RunCodeHost.read`). */
  watched?: string[];
  /**
   * Characters of console output the host receives past MAX_LOG_CHARS (default 0): a host
   * that redacts needs to see that far past the cut to mask a secret straddling it whole.
   */
  logLookahead?: number;
}

export interface HostFetchRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HostFetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON by the host, when it is JSON: what `response.json()` gives the code. */
  json?: unknown;
}

/** What the main process lends a run. The sandbox only relays to it. */
export interface RunCodeHost {
  /**
   * Performs a request for the code, under the same secret rules and redaction as any
   * other step. `signal` aborts when the run ends (finished, timed out or stopped).
   */
  fetch(request: HostFetchRequest, options: { signal: AbortSignal }): Promise<HostFetchResponse>;
  /** One formatted console line, as it is written (up to MAX_LOG_CHARS + logLookahead in all). */
  log(line: string): void;
  /** The code read a watched part of its input for the first time. */
  read?(path: string): void;
}

export type RunCodeErrorKind = 'timeout' | 'memory' | 'exception' | 'invalid-output';

export type RunCodeResult =
  { ok: true; output: unknown; logs: string[]; durationMs: number } | { ok: false; error: { kind: RunCodeErrorKind; message: string }; logs: string[]; durationMs: number };

export interface CodeSandbox {
  /** Runs one request; rejects only on a programming error (bad request, sandbox closed). */
  run(request: RunCodeRequest, host: RunCodeHost): Promise<RunCodeResult>;
  /** Stops every worker; queued and running runs reject. */
  close(): Promise<void>;
}

export interface CodeSandboxOptions {
  /** Worker threads kept warm; runs beyond this wait in a queue. Default 2. */
  poolSize?: number;
  /** How long past its deadline a run may stay silent before its worker is killed. Default 1 s. */
  backstopGraceMs?: number;
}
