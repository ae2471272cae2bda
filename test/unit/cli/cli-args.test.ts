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
    expect(parseCliArgs(['run', 'Charge', '--env', 'Production', '--confirm'])).toMatchObject({ command: { kind: 'run', workflow: 'Charge' }, environment: 'Production', confirm: true });
    expect(parseCliArgs(['run', 'Charge', '--env=Staging'])).toMatchObject({ environment: 'Staging', confirm: false });
    expect(parseCliArgs(['list', 'environments']).command).toEqual({ kind: 'list', what: 'environments' });
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
    expect(problem(['list', 'cats'])).toBe('list what? keyflow list workflows|keys|workspaces|environments.');
    expect(problem(['run', 'a', 'b'])).toBe('give one workflow name or id (quote a name with spaces).');
    expect(problem(['run', 'a', '--workspace'])).toBe('--workspace needs a workspace name or id.');
    expect(problem(['run', 'a', '--env'])).toBe('--env needs an environment name.');
    expect(problem(['list', 'keys', '--env', 'Staging'])).toBe('--env and --confirm go with keyflow run.');
    expect(problem(['run', 'a', '--frobnicate'])).toBe('unknown option --frobnicate.');
  });

  it('shows every command, each with an example', () => {
    const help = usage();
    for (const command of ['keyflow run ', 'keyflow list workflows', 'keyflow list keys', 'keyflow list workspaces', '--workspace', '--json', '--passphrase-stdin', '--user-data-dir']) {
      expect(help).toContain(command);
    }
    const examples = help.slice(help.indexOf('Examples:'));
    for (const example of ['keyflow run "', 'keyflow list workflows', 'keyflow list keys', 'keyflow list workspaces', '--workspace', '--passphrase-stdin']) expect(examples).toContain(example);
  });
});

describe('keyflow command line: what it prints', () => {
  it('lines up columns', () => {
    expect(table(['A', 'BB'], [['long cell', 'x'], ['y', 'z']])).toBe('A          BB\nlong cell  x\ny          z\n');
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
