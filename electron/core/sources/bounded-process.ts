/**
 * Runs a provider's command line tool (pass, op) without a shell, with a deadline and a
 * cap on what it may print: a tool that hangs is stopped, one that prints too much is
 * stopped, and neither takes Keyflow with it.
 */
import { spawn } from 'node:child_process';
import type { SourceProvider } from '../../../shared/model/source';
import { SourceError } from './source-error';

export interface ProcessResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export interface ProcessOptions {
  provider: SourceProvider;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Bytes of standard output beyond which the value is refused (the 64 KiB cap, with room for a line break). */
  maxOutput: number;
  signal?: AbortSignal;
  /** How to name the tool when it is missing ("pass is not installed"). */
  missing: string;
}

export function runBounded(options: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: SourceError | null = null;
    const stop = (error: SourceError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new SourceError(options.provider, `no answer within ${Math.round(options.timeoutMs / 1000)} s (timed out); it was stopped.`)),
      options.timeoutMs,
    );
    const onAbort = () => stop(new SourceError(options.provider, 'the run was cancelled.'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxOutput) stop(new SourceError(options.provider, 'the value is larger than 64 KiB, the most a key can hold.'));
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        error.code === 'ENOENT' ? new SourceError(options.provider, options.missing) : new SourceError(options.provider, `it could not be started (${error.code ?? 'error'}).`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else resolve({ code, stdout: Buffer.concat(stdout), stderr });
    });
  });
}

/** A tool's error output in one short line (tools print reasons, not values, on standard error). */
export function firstLine(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .map((part) => part.trim())
      .find((part) => part.length > 0) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
