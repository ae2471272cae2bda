import { Worker } from 'node:worker_threads';
import { relayFetch } from './fetch-relay';
import type { FromWorkerMessage, RunMessage, RunOutcome, ToWorkerMessage } from './protocol';
import { toRunCodeResult } from './run-result';
import type { RunCodeHost, RunCodeResult } from './types';
import { loadWorkerLaunch } from './worker-launch';
import { LogCap } from './log-cap';
import { MAX_LOG_CHARS } from './types';

export const SANDBOX_CLOSED = 'The code sandbox was closed';

interface Job {
  message: RunMessage;
  host: RunCodeHost;
  logs: string[];
  logCap: LogCap;
  /** Aborts the host's fetches once the run is over. */
  abort: AbortController;
  startedAt: number;
  /** Armed when the worker starts the run: a new engine's set-up doesn't eat into the deadline. */
  backstop?: NodeJS.Timeout;
  resolve(result: RunCodeResult): void;
  reject(error: Error): void;
}

/**
 * The main thread's handle on one sandbox worker thread. It runs one job at a time, relays
 * the job's console lines and fetches to its host, and replaces the thread when it dies —
 * or kills it when a run stays silent past its deadline plus a grace period (a long native
 * operation inside QuickJS can delay the engine's own deadline check).
 */
export class SandboxWorker {
  #thread: Worker | undefined;
  #job: Job | undefined;
  #closed = false;

  constructor(private readonly backstopGraceMs: number) {}

  async run(message: RunMessage, host: RunCodeHost): Promise<RunCodeResult> {
    const thread = this.#thread ?? (await this.#start());
    return new Promise((resolve, reject) => {
      const job: Job = {
        message,
        host,
        logs: [],
        logCap: new LogCap(MAX_LOG_CHARS),
        abort: new AbortController(),
        startedAt: performance.now(),
        resolve,
        reject,
      };
      this.#job = job;
      thread.ref(); // a running sandbox keeps the process alive; an idle one doesn't
      this.#send(thread, message);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const thread = this.#thread;
    this.#thread = undefined;
    const job = this.#job;
    if (job) {
      this.#end(job);
      job.reject(new Error(SANDBOX_CLOSED));
    }
    await thread?.terminate();
  }

  async #start(): Promise<Worker> {
    const { source, options } = await loadWorkerLaunch();
    if (this.#closed) throw new Error(SANDBOX_CLOSED);
    const thread = new Worker(source, options);
    thread.unref();
    thread.on('message', (message: FromWorkerMessage) => this.#onMessage(thread, message));
    thread.on('error', (error) => this.#onDeath(thread, error));
    thread.on('exit', () => this.#onDeath(thread));
    this.#thread = thread;
    return thread;
  }

  #send(thread: Worker, message: ToWorkerMessage): void {
    thread.postMessage(message);
  }

  #onMessage(thread: Worker, message: FromWorkerMessage): void {
    const job = this.#job;
    if (thread !== this.#thread || !job) return;
    switch (message.type) {
      case 'started':
        job.backstop = setTimeout(() => this.#kill(job), job.message.timeoutMs + this.backstopGraceMs);
        break;
      case 'log': {
        const kept = job.logCap.take(message.line);
        if (kept > 0) job.logs.push(message.line.slice(0, kept));
        job.host.log(message.line);
        break;
      }
      case 'read':
        job.host.read?.(message.path);
        break;
      case 'fetch':
        void relayFetch(message.requestJson, job.host, job.abort.signal).then((reply) => {
          if (this.#job === job && this.#thread === thread) this.#send(thread, { type: 'fetch-reply', id: message.id, ...reply });
        });
        break;
      case 'done':
        this.#finish(job, message.outcome);
        break;
    }
  }

  #onDeath(thread: Worker, error?: Error): void {
    if (thread !== this.#thread) return;
    this.#thread = undefined;
    const job = this.#job;
    if (!job) return;
    const outOfMemory = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.#finish(
      job,
      outOfMemory ? { ok: false, kind: 'memory' } : { ok: false, kind: 'exception', message: `The sandbox stopped unexpectedly${error ? `: ${error.message}` : ''}` },
    );
  }

  /** The backstop: the run is past its deadline and its thread hasn't answered. */
  #kill(job: Job): void {
    if (this.#job !== job) return;
    const thread = this.#thread;
    this.#thread = undefined;
    void thread?.terminate();
    this.#finish(job, { ok: false, kind: 'timeout' });
  }

  #finish(job: Job, outcome: RunOutcome): void {
    this.#end(job);
    if (job.logCap.truncated) job.logs.push(job.logCap.notice);
    job.resolve(toRunCodeResult(outcome, job.message, job.logs, performance.now() - job.startedAt));
  }

  #end(job: Job): void {
    this.#thread?.unref();
    this.#job = undefined;
    clearTimeout(job.backstop);
    job.abort.abort();
  }
}
