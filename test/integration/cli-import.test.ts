/** `keyflow import` and `keyflow scan`, the real command on a real vault (real keychain, real SQLite). */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../support/core';
import { ROOT, tempDir } from '../support/host-process';
import { leaksInFiles } from '../support/canary';
import { PUBLISHED_CURL, READER_TOKENS, STRIPE_DOCS_TEST_KEY, withToken } from '../unit/imports/published-curl';

let userDataDir: string;
let files: string;

beforeAll(async () => {
  userDataDir = tempDir('cli-import');
  files = tempDir('cli-import-files');
  const core = await openCore({ userDataDir });
  await core.core.close();
});

type Result = { status: number | null; stdout: string; stderr: string };

function keyflow(args: string[], options: { stdin?: string; vault?: boolean } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const argv = [join(ROOT, 'bin', 'keyflow.js'), ...args, ...(options.vault === false ? [] : ['--user-data-dir', userDataDir])];
    const child = execFile(process.execPath, argv, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end(options.stdin ?? '');
  });
}

describe('keyflow import', () => {
  it('imports a cURL command from standard input: the docs’ Stripe key becomes a key, printed by name only', async () => {
    const dry = await keyflow(['import', '-', '--format', 'curl', '--dry-run'], { stdin: PUBLISHED_CURL.stripe });
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain('c1  Stripe test secret key ending in p7dc → key “Stripe test secret key” (allowed: api.stripe.com)');
    expect(dry.stderr).toContain('Dry run: nothing was created.');
    const result = await keyflow(['import', '-', '--format', 'curl'], { stdin: PUBLISHED_CURL.stripe });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^workflow {2}cURL: api\.stripe\.com {2}wf_\S+\nkey {7}Stripe test secret key {2}sec_\S+\n$/);
    expect(result.stdout + result.stderr).not.toContain(STRIPE_DOCS_TEST_KEY);
    expect(leaksInFiles(userDataDir, STRIPE_DOCS_TEST_KEY)).toEqual([]);
  });

  it('tells a file’s format from its content; --plain keeps one credential as plain text', async () => {
    const token = READER_TOKENS.github;
    const file = join(files, 'github.sh');
    writeFileSync(file, withToken(PUBLISHED_CURL.github, '<YOUR-TOKEN>', token));
    const result = await keyflow(['import', file, '--plain', 'c1', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ keys: [], keptAsPlainText: 1 });
    const scan = await keyflow(['scan', '--json']);
    expect(scan.status).toBe(0);
    expect(JSON.parse(scan.stdout)).toEqual([
      { where: 'cURL: api.github.com › GET api.github.com/user › Header Authorization', what: `GitHub token ending in ${token.slice(-4)}`, kept: true },
    ]);
  });

  it('refuses a file it can’t read or tell, and a wrong --plain, saying why', async () => {
    expect(await keyflow(['import', join(files, 'nope.json')])).toMatchObject({ status: 2, stderr: expect.stringContaining(`there is no file ${join(files, 'nope.json')}.`) });
    const odd = join(files, 'notes.txt');
    writeFileSync(odd, 'just some notes\n');
    expect((await keyflow(['import', odd])).stderr).toContain(`can’t tell what ${odd} is: pass --format curl, postman, openapi or env.`);
    const binary = join(files, 'logo.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]));
    expect((await keyflow(['import', binary, '--format', 'postman'])).stderr).toContain('is not a text file');
    expect((await keyflow(['import', '-', '--format', 'curl', '--plain', 'c9'], { stdin: PUBLISHED_CURL.stripe })).stderr).toContain(
      '--plain c9: the import found no credential c9',
    );
    expect((await keyflow(['import', '-', '--format', 'yaml'])).stderr).toContain('--format takes curl, postman, openapi, env, not "yaml".');
  });
});

describe('keyflow scan', () => {
  it('scans files without a vault, exits 1 on a credential and 0 on a clean file', async () => {
    const leaky = join(files, '.env');
    writeFileSync(leaky, `PORT=3000\nSLACK_BOT_TOKEN=${READER_TOKENS.slack}\n`);
    const clean = join(files, 'clean.env');
    writeFileSync(clean, 'PORT=3000\nAPI_BASE=https://api.example.com\n');
    const found = await keyflow(['scan', leaky, clean], { vault: false });
    expect(found.status).toBe(1);
    expect(found.stdout).toBe(`${leaky}: .env SLACK_BOT_TOKEN: Slack token ending in ${READER_TOKENS.slack.slice(-4)}\n`);
    expect(found.stdout).not.toContain(READER_TOKENS.slack);
    const none = await keyflow(['scan', clean], { vault: false });
    expect(none).toMatchObject({ status: 0, stdout: 'No credentials in plain text.\n' });
  });

  it('scans any text file by line and column', async () => {
    const script = join(files, 'deploy.sh');
    writeFileSync(script, `#!/bin/sh\nexport NPM_TOKEN=${['npm', '1234567890abcdefghijklmnopqrstuvwxyz'].join('_')}\nnpm publish\n`);
    const result = await keyflow(['scan', script], { vault: false });
    expect(result).toMatchObject({ status: 1, stdout: `${script}:2:18: npm access token ending in wxyz\n` });
  });
});
