import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { maskFor } from '../../electron/core/redaction/redactor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../support/core';
import { ROOT, tempDir } from '../support/host-process';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms } from '../support/canary';
import { codeStep, definition, httpStep, s, t } from '../support/steps';

let echo: EchoServer;
let userDataDir: string;
let canary: string;

beforeAll(async () => {
  echo = await startEchoServer();
  userDataDir = tempDir('cli');
  canary = canaryValue('cli');
  const core = await openCore({ userDataDir });
  const secret = await core.call('secrets.create', { name: 'Token', value: canary, readableByRunCode: true });
  const ok = await core.call('workflows.create', { name: 'Echo token' });
  await core.call('workflows.save', {
    id: ok.id,
    name: ok.name,
    definition: definition(
      httpStep('Call echo', { url: t(`${echo.url}/echo?as=base64`), auth: { kind: 'bearer', token: s(secret.id) } }),
      codeStep('Summarize', 'return { status: input.steps[Object.keys(input.steps)[0]].status, token: input.token };', [{ name: 'token', value: s(secret.id) }]),
    ),
  });
  const failing = await core.call('workflows.create', { name: 'Broken' });
  await core.call('workflows.save', { id: failing.id, name: failing.name, definition: definition(httpStep('Not found', { url: t(`${echo.url}/status/404`) })) });
  await core.core.close();
});
afterAll(() => echo.close());

/** Runs the real command asynchronously: the echo server lives in this process and must keep answering. */
function keyflow(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'keyflow.js'), ...args, '--user-data-dir', userDataDir], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('keyflow run (command-line runner)', () => {
  it('runs a workflow by name with the real keychain, printing progress and the redacted result', async () => {
    const result = await keyflow('run', 'echo TOKEN');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/✓ Step 1 “Call echo” ok \(\d+ ms\)/);
    expect(result.stderr).toMatch(/✓ Step 2 “Summarize” ok/);
    expect(JSON.parse(result.stdout)).toEqual({ status: 200, token: maskFor('Token') });
    expect(leakedForms(result.stdout + result.stderr, canary)).toEqual([]);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${canary}`);
  });

  it('exits non-zero when a step fails, and names the step', async () => {
    const result = await keyflow('run', 'Broken');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('✗ Step 1 “Not found” failed');
    expect(result.stderr).toContain('HTTP 404');
  });

  it('says clearly when no workflow matches, or the command is wrong', async () => {
    const missing = await keyflow('run', 'Nope');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('No workflow is named or has the id "Nope".');
    const wrong = await keyflow('fly');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('unknown command "fly"');
  });
});
