import type { RunMessage } from './protocol';
import { toRunMessage } from './run-request';
import { SANDBOX_CLOSED, SandboxWorker } from './sandbox-worker';
import type { CodeSandbox, CodeSandboxOptions, RunCodeHost, RunCodeResult } from './types';

interface Queued {
  message: RunMessage;
  host: RunCodeHost;
  resolve(result: RunCodeResult): void;
  reject(error: unknown): void;
}

/**
 * The Run Code sandbox: a small pool of warm worker threads, each running one request at a
 * time in a fresh QuickJS runtime; further requests wait their turn in order.
 */
export function createCodeSandbox(options: CodeSandboxOptions = {}): CodeSandbox {
  const { poolSize = 2, backstopGraceMs = 1_000 } = options;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError('Run Code: poolSize must be a positive integer');
  const workers = Array.from({ length: poolSize }, () => new SandboxWorker(backstopGraceMs));
  // Most recently used last: with one run at a time, the same warm thread serves them all.
  const idle = [...workers];
  const queue: Queued[] = [];
  let closed = false;

  function dispatch(): void {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as SandboxWorker;
      const job = queue.shift() as Queued;
      worker
        .run(job.message, job.host)
        .then(job.resolve, job.reject)
        .finally(() => {
          idle.push(worker);
          dispatch();
        });
    }
  }

  return {
    async run(request, host) {
      if (closed) throw new Error(SANDBOX_CLOSED);
      const message = toRunMessage(request);
      return new Promise((resolve, reject) => {
        queue.push({ message, host, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error(SANDBOX_CLOSED));
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
