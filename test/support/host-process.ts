/** Starts the real browser host (dist/host/main.js) as a child process and talks to its bridge over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BridgeResponse } from '../../shared/bridge/errors';
import type { CallArgs, CallName, CallResult } from '../../shared/bridge/contract';
import { signInWithLaunchPage, type SignedInHeaders } from '../../electron/host/host-session';

export const ROOT = join(__dirname, '..', '..');
export const HOST_ENTRY = join(ROOT, 'dist', 'host', 'main.js');

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `keyflow-${label}-`));
}

export interface RunningHost {
  child: ChildProcess;
  userDataDir: string;
  /** The launch page (file://): opening it signs a browser window in, once per page written. */
  launchUrl: string;
  origin: string;
  /** The session cookie obtained by trading the launch page's secret, as a browser would. */
  cookie: string;
  /** Both halves of that session: the cookie and the X-Keyflow-Session header. */
  session: SignedInHeaders;
  /** Every bridge response body this host has sent through `call`/`raw`. */
  responses: string[];
  stderr: () => string;
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>>;
  raw(name: string, body: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/**
 * Starts the host with the development tripwire on (KEYFLOW_TRIPWIRE=1), or, with `shipped`,
 * as users run it: NODE_ENV=production and no tripwire.
 */
export async function startHost(options: { userDataDir?: string; env?: NodeJS.ProcessEnv; shipped?: boolean } = {}): Promise<RunningHost> {
  const userDataDir = options.userDataDir ?? tempDir('host');
  const configuration = options.shipped ? { NODE_ENV: 'production', KEYFLOW_TRIPWIRE: '' } : { KEYFLOW_TRIPWIRE: '1' };
  const child = spawn(process.execPath, [HOST_ENTRY, '--no-open', '--port', '0', '--user-data-dir', userDataDir], {
    cwd: ROOT,
    env: { ...process.env, ...configuration, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  let stdout = '';
  const stdoutSoFar = () => stdout;
  const launchUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /open it in a browser, open (\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code} before it was ready:\n${stderr}`)));
  });
  const origin = /Keyflow is running at (http:\/\/[^/\s]+)/.exec(stdoutSoFar())![1]!;
  const session = await signInWithLaunchPage(launchUrl);
  const responses: string[] = [];

  const raw = async (name: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${origin}/bridge/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, ...session, ...headers },
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
    cookie: session.Cookie,
    session,
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
