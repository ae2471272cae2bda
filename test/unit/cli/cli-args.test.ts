import { describe, expect, it } from 'vitest';
import { parseCliArgs, usage, UsageError } from '../../../electron/cli/cli-args';
import { keyTable, runResult, table } from '../../../electron/cli/cli-output';
import type { Run } from '../../../shared/model/run';
import { secretMeta } from '../renderer/secret-fixture';

describe('keyflow command line: what it is asked', () => {
  it('reads the commands, with options before or after them', () => {
    expect(parseCliArgs(['run', 'Echo flow', '--json']).command).toEqual({ kind: 'run', workflow: 'Echo flow' });
    expect(parseCliArgs(['--workspace', 'Acme', 'list', 'keys'])).toMatchObject({ command: { kind: 'list', what: 'keys' }, workspace: 'Acme' });
    expect(parseCliArgs(['list', 'workflows', '--user-data-dir=/tmp/k'])).toMatchObject({ command: { kind: 'list', what: 'workflows' }, userDataDir: '/tmp/k' });
    expect(parseCliArgs(['run', 'x', '--help']).command).toEqual({ kind: 'help' });
    expect(parseCliArgs(['help']).command).toEqual({ kind: 'help' });
    expect(parseCliArgs(['run', 'Charge', '--env', 'Production', '--confirm'])).toMatchObject({
      command: { kind: 'run', workflow: 'Charge' },
      environment: 'Production',
      confirm: true,
    });
    expect(parseCliArgs(['run', 'Charge', '--env=Staging'])).toMatchObject({ environment: 'Staging', confirm: false });
    expect(parseCliArgs(['list', 'environments']).command).toEqual({ kind: 'list', what: 'environments' });
    expect(parseCliArgs(['backup', '--out', 'a.kfbackup']).command).toEqual({ kind: 'backup', out: 'a.kfbackup', includeRuns: false });
    expect(parseCliArgs(['backup', '--include-runs', '--out=b.kfbackup']).command).toEqual({ kind: 'backup', out: 'b.kfbackup', includeRuns: true });
    expect(parseCliArgs(['restore', 'a.kfbackup', '--dry-run']).command).toEqual({ kind: 'restore', file: 'a.kfbackup', dryRun: true });
    expect(parseCliArgs(['restore', 'a.kfbackup']).command).toEqual({ kind: 'restore', file: 'a.kfbackup', dryRun: false });
  });

  it('says what is wrong with a command, specifically', () => {
    const problem = (argv: string[]) => {
      try {
        parseCliArgs(argv);
      } catch (error) {
        if (error instanceof UsageError) return error.message;
        throw error;
      }
      return null;
    };
    expect(problem([])).toBe('which command? For example: keyflow run "My workflow".');
    expect(problem(['fly'])).toBe('unknown command "fly".');
    expect(problem(['backup'])).toBe('where to? keyflow backup --out <file>.');
    expect(problem(['backup', 'a.kfbackup'])).toBe('keyflow backup takes no other words: name the file with --out <file>.');
    expect(problem(['restore'])).toBe('which backup? keyflow restore <file> [--dry-run].');
    expect(problem(['restore', 'a', 'b'])).toBe('which backup? keyflow restore <file> [--dry-run].');
    expect(problem(['run', 'x', '--dry-run'])).toBe('--dry-run goes with keyflow import and keyflow restore.');
    expect(problem(['restore', 'a', '--out', 'b'])).toBe('--out and --include-runs go with keyflow backup.');
    // A passphrase is never an argument.
    expect(problem(['backup', '--out', 'a', '--passphrase', 'x'])).toBe('unknown option --passphrase.');
    expect(problem(['list', 'cats'])).toBe('list what? keyflow list workflows|keys|workspaces|environments.');
    expect(problem(['run', 'a', 'b'])).toBe('give one workflow name or id (quote a name with spaces).');
    expect(problem(['run', 'a', '--workspace'])).toBe('--workspace needs a workspace name or id.');
    expect(problem(['run', 'a', '--env'])).toBe('--env needs an environment name.');
    expect(problem(['list', 'keys', '--env', 'Staging'])).toBe('--env and --confirm go with keyflow run.');
    expect(problem(['run', 'a', '--frobnicate'])).toBe('unknown option --frobnicate.');
  });

  it('shows every command, each with an example', () => {
    const help = usage();
    for (const command of [
      'keyflow run ',
      'keyflow list workflows',
      'keyflow list keys',
      'keyflow list workspaces',
      '--workspace',
      '--json',
      '--passphrase-stdin',
      '--user-data-dir',
    ]) {
      expect(help).toContain(command);
    }
    const examples = help.slice(help.indexOf('Examples:'));
    for (const example of ['keyflow run "', 'keyflow list workflows', 'keyflow list keys', 'keyflow list workspaces', '--workspace', '--passphrase-stdin'])
      expect(examples).toContain(example);
  });
});

describe('keyflow command line: what it prints', () => {
  it('lines up columns', () => {
    expect(
      table(
        ['A', 'BB'],
        [
          ['long cell', 'x'],
          ['y', 'z'],
        ],
      ),
    ).toBe('A          BB\nlong cell  x\ny          z\n');
  });

  it('lists keys by name and metadata only', () => {
    const text = keyTable([secretMeta({ id: 'sec_1', name: 'Stripe', usedBy: 1, lastUsedAt: null })], false);
    expect(text).toBe('NAME    TYPE     USED BY     LAST USED  ID\nStripe  generic  1 workflow  never      sec_1\n');
  });

  it('prints a failed run’s result as nothing, unless the whole run is asked for', () => {
    const failed = { status: 'failed', steps: [{ status: 'failed', output: { status: 500 } }] } as unknown as Run;
    expect(runResult(failed, false)).toBe('');
    expect(JSON.parse(runResult(failed, true))).toMatchObject({ status: 'failed' });
    const ok = { status: 'ok', steps: [{ status: 'ok', output: { total: 2 } }] } as unknown as Run;
    expect(JSON.parse(runResult(ok, false))).toEqual({ total: 2 });
  });
});

describe('keyflow import and scan: what they are asked', () => {
  it('reads import with its file (or - for standard input) and its options, scan with or without files', () => {
    expect(parseCliArgs(['import', 'collection.json', '--dry-run', '--plain', 'c1', '--plain=c3'])).toMatchObject({
      command: { kind: 'import', file: 'collection.json' },
      dryRun: true,
      plain: ['c1', 'c3'],
      format: null,
    });
    expect(parseCliArgs(['import', '-', '--format', 'curl'])).toMatchObject({ command: { kind: 'import', file: '-' }, format: 'curl' });
    expect(parseCliArgs(['scan']).command).toEqual({ kind: 'scan', files: [] });
    expect(parseCliArgs(['scan', 'a.json', '.env', '--json'])).toMatchObject({ command: { kind: 'scan', files: ['a.json', '.env'] }, json: true });
  });

  it('says what is wrong, specifically', () => {
    expect(() => parseCliArgs(['import'])).toThrow('import what? Give one file, or - for standard input: keyflow import collection.json.');
    expect(() => parseCliArgs(['import', 'a', 'b'])).toThrow('import what?');
    expect(() => parseCliArgs(['import', 'a', '--format', 'har'])).toThrow('--format takes curl, postman, openapi, env, not "har".');
    expect(() => parseCliArgs(['import', 'a', '--plain'])).toThrow('--plain needs a credential id such as c1.');
  });

  it('shows both with examples', () => {
    const examples = usage().slice(usage().indexOf('Examples:'));
    for (const example of ['keyflow import ', '--dry-run', '--plain', 'keyflow scan', 'keyflow scan api/']) expect(examples).toContain(example);
  });
});

describe('keyflow list keys --expiring', () => {
  it('reads --expiring and --within with list keys only', () => {
    expect(parseCliArgs(['list', 'keys', '--expiring']).command).toEqual({ kind: 'list', what: 'keys', expiring: { withinDays: 7 } });
    expect(parseCliArgs(['list', 'keys', '--expiring', '--within=30']).command).toEqual({ kind: 'list', what: 'keys', expiring: { withinDays: 30 } });
    expect(parseCliArgs(['list', 'keys']).command).toEqual({ kind: 'list', what: 'keys' });
    const problem = (argv: string[]) => {
      try {
        parseCliArgs(argv);
        return null;
      } catch (error) {
        return error instanceof UsageError ? error.message : 'not a usage error';
      }
    };
    expect(problem(['list', 'keys', '--within', '3'])).toBe('--within goes with --expiring.');
    expect(problem(['list', 'keys', '--expiring', '--within', '-3'])).toBe('--within takes a whole number of days from 0 to 3650.');
    expect(problem(['list', 'keys', '--expiring', '--within'])).toBe('--within needs a number of days.');
    expect(problem(['list', 'keys', '--expiring', '--within', '1e3'])).toBe('--within takes a whole number of days from 0 to 3650.');
    expect(problem(['run', 'x', '--expiring'])).toBe('--expiring and --within go with keyflow list keys.');
    expect(usage()).toContain('keyflow list keys --expiring --within 14');
  });
});
