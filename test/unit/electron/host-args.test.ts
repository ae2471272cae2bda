import { describe, expect, it } from 'vitest';
import { HostArgsError, parseHostArgs } from '../../../electron/host/host-args';
import { defaultUserDataDir } from '../../../electron/core/user-data-dir';

describe('the browser host’s options', () => {
  it('reads every option, in either spelling, with the shared default data folder', () => {
    expect(parseHostArgs([])).toEqual({ browser: false, userDataDir: defaultUserDataDir(), port: 0, open: true });
    expect(parseHostArgs(['--browser', '--no-open', '--user-data-dir', '/tmp/kf', '--port=8123'])).toEqual({ browser: true, userDataDir: '/tmp/kf', port: 8123, open: false });
  });

  it('refuses what it doesn’t know, a missing value and a port that isn’t one, saying which', () => {
    expect(() => parseHostArgs(['--bogus'])).toThrow(new HostArgsError('Unknown option --bogus. Options: --browser, --user-data-dir DIR, --port N, --no-open.'));
    expect(() => parseHostArgs(['--port'])).toThrow('--port needs a value.');
    expect(() => parseHostArgs(['--user-data-dir='])).toThrow('--user-data-dir needs a value.');
    for (const port of ['http', '70000', '-1']) expect(() => parseHostArgs([`--port=${port}`])).toThrow(`--port must be a number from 0 to 65535, not "${port}".`);
  });
});
