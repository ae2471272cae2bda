import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { maskFor } from '../../electron/core/redaction/redactor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../support/core';
import { ROOT, tempDir } from '../support/host-process';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
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

type Result = { status: number | null; stdout: string; stderr: string };

/** Runs the real command asynchronously: the echo server lives in this process and must keep answering. */
function keyflowIn(dir: string | null, args: string[], env: NodeJS.ProcessEnv = process.env, stdin = ''): Promise<Result> {
  return new Promise((resolve) => {
    const argv = [join(ROOT, 'bin', 'keyflow.js'), ...args, ...(dir ? ['--user-data-dir', dir] : [])];
    const child = execFile(process.execPath, argv, { encoding: 'utf8', timeout: 60_000, env }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin!.end(stdin);
  });
}

const keyflow = (...args: string[]) => keyflowIn(userDataDir, args);

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

  it('exits non-zero when a step fails, names the step, and prints nothing as the result', async () => {
    const result = await keyflow('run', 'Broken');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('✗ Step 1 “Not found” failed');
    expect(result.stderr).toContain('HTTP 404');
    expect(result.stdout).toBe('');
    // With --json the whole run is the result, failed or not.
    const json = await keyflow('run', 'Broken', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'failed', trigger: 'cli', steps: [{ stepName: 'Not found', status: 'failed' }] });
  });

  it('lists workflows and keys (names, never values), as a table or JSON, with nothing else on standard output', async () => {
    const workflows = await keyflow('list', 'workflows');
    expect(workflows.status).toBe(0);
    const lines = workflows.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +STEPS +LAST RUN +ID$/);
    expect(lines.slice(1).map((line) => line.split(/ {2,}/)[0])).toEqual(expect.arrayContaining(['Broken', 'Echo token']));
    const keys = await keyflow('list', 'keys', '--json');
    expect(JSON.parse(keys.stdout).map((key: { name: string }) => key.name)).toEqual(['Token']);
    expect(leakedForms(workflows.stdout + keys.stdout + keys.stderr, canary)).toEqual([]);
    const workspaces = await keyflow('list', 'workspaces');
    expect(workspaces.stdout).toMatch(/^Personal \(last open\) +personal +Owner +ws_/m);
  });

  it('runs in the workspace named by --workspace, and says which exist when none matches', async () => {
    const [personal] = JSON.parse((await keyflow('list', 'workspaces', '--json')).stdout) as { id: string }[];
    const byId = await keyflow('list', 'keys', '--workspace', personal!.id, '--json');
    expect(JSON.parse(byId.stdout)).toHaveLength(1);
    const byName = await keyflow('run', 'Echo token', '--workspace', 'personal');
    expect(byName.status).toBe(0);
    const missing = await keyflow('list', 'keys', '--workspace', 'Acme');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(`No workspace is named or has the id "Acme". This computer has: "Personal" (${personal!.id}).`);
  });

  it('refuses to create a vault where none exists, and says where it looked', async () => {
    const empty = tempDir('cli-empty');
    const result = await keyflowIn(empty, ['list', 'workflows']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`keyflow: no Keyflow vault in ${empty}. Open Keyflow once to create one there, or point to yours with --user-data-dir <folder>.\n`);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('says how to protect the vault with a passphrase when the keychain can’t be reached', async () => {
    const result = await keyflowIn(userDataDir, ['list', 'keys'], { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keyflow-bus', DISPLAY: '' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No Secret Service is running');
    expect(result.stderr).toContain('choose “Protect with a passphrase instead”');
    expect(result.stderr).toContain('--passphrase-stdin');
  });

  it('records runs from the command line as such in the run history', async () => {
    const core = await openCore({ userDataDir });
    try {
      const workflow = (await core.call('workflows.list', {})).find((w) => w.name === 'Echo token')!;
      const [latest] = await core.call('runs.list', { workflowId: workflow.id });
      expect(latest).toMatchObject({ trigger: 'cli', status: 'ok', failedStep: null });
    } finally {
      await core.core.close();
    }
  });

  it('shows every command with an example', async () => {
    const help = await keyflowIn(null, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('keyflow list workflows');
    expect(help.stdout).toContain('Examples:');
    expect(help.stderr).toBe('');
  });

  it('says clearly when no workflow matches, or the command is wrong', async () => {
    const missing = await keyflow('run', 'Nope');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('No workflow is named or has the id "Nope".');
    const wrong = await keyflow('fly');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('unknown command "fly"');
    expect(wrong.stderr).toContain('See keyflow --help');
  });
});

describe('keyflow recover', () => {
  it('opens a vault whose keychain entry is gone with the recovery key from standard input, never from an argument; runs work again', async () => {
    const dir = tempDir('cli-recover');
    const value = canaryValue('cli-recover');
    const core = await openCore({ userDataDir: dir });
    const secret = await core.call('secrets.create', { name: 'Token', value });
    const workflow = await core.call('workflows.create', { name: 'Echo' });
    await core.call('workflows.save', {
      id: workflow.id,
      name: 'Echo',
      definition: definition(httpStep('Call', { url: t(`${echo.url}/hook`), auth: { kind: 'bearer', token: s(secret.id) } })),
    });
    const { key, vaultId } = await core.call('recovery.create', {});
    await core.call('recovery.closeKit', { saved: true });
    await core.core.close();
    await new KeytarKeyStore().delete(`master-key:${vaultId}`);

    const missing = await keyflowIn(dir, ['run', 'Echo']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('The master key of this vault is missing from the OS keychain');
    expect(missing.stderr).toContain('keyflow recover, with the key on standard input');

    const asArgument = await keyflowIn(dir, ['recover', key]);
    expect(asArgument.status).toBe(2);
    expect(asArgument.stderr).toContain('keyflow recover reads the recovery key from standard input, never from its arguments.');
    const nothing = await keyflowIn(dir, ['recover']);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('no recovery key on standard input');
    const typo = await keyflowIn(dir, ['recover'], process.env, `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}\n`);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toBe('keyflow: This recovery key has a typo: compare each group with your recovery kit.\n');
    expect(await new KeytarKeyStore().get(`master-key:${vaultId}`)).toBeNull();

    const recovered = await keyflowIn(dir, ['recover'], process.env, `${key}\n`);
    expect(recovered).toMatchObject({ status: 0, stdout: '', stderr: 'The vault is open again: its key is back in the OS keychain.\n' });
    expect(await new KeytarKeyStore().get(`master-key:${vaultId}`)).not.toBeNull();
    const run = await keyflowIn(dir, ['run', 'Echo']);
    expect(run.status).toBe(0);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${value}`);
    expect(leakedForms(recovered.stderr + run.stdout + run.stderr, key)).toEqual([]);
  });
});
