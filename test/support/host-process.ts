/** Starts the real browser host (dist/host/main.js) as a child process and talks to its bridge over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BridgeResponse } from '../../shared/bridge/errors';
import type { CallArgs, CallName, CallResult } from '../../shared/bridge/contract';

export const ROOT = join(__dirname, '..', '..');
export const HOST_ENTRY = join(ROOT, 'dist', 'host', 'main.js');

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `keyflow-${label}-`));
}

export interface RunningHost {
  child: ChildProcess;
  userDataDir: string;
  launchUrl: string;
  origin: string;
  /** The session cookie obtained by trading the launch token, as a browser would. */
  cookie: string;
  /** Every bridge response body this host has sent through `call`/`raw`. */
  responses: string[];
  stderr: () => string;
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>>;
  raw(name: string, body: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function startHost(options: { userDataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunningHost> {
  const userDataDir = options.userDataDir ?? tempDir('host');
  const child = spawn(process.execPath, [HOST_ENTRY, '--no-open', '--port', '0', '--user-data-dir', userDataDir], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /Keyflow is running at (\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code} before it was ready:\n${stderr}`)));
  });
  const origin = new URL(launchUrl).origin;
  const handshake = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = (handshake.headers.get('set-cookie') ?? '').split(';')[0]!;
  const responses: string[] = [];

  const raw = async (name: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${origin}/bridge/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie, ...headers },
      body,
    });
    const text = await response.text();
    responses.push(text);
    return { status: response.status, body: text };
  };

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    userDataDir,
    launchUrl,
    origin,
    cookie,
    responses,
    stderr: () => stderr,
    raw,
    async call(name, args) {
      const { status, body } = await raw(name, JSON.stringify(args));
      if (status !== 200) throw new Error(`${name}: HTTP ${status}: ${body}`);
      const envelope = JSON.parse(body) as BridgeResponse<never>;
      if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
      return envelope.result;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
