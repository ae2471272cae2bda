import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { parseShellArgs } from '../../../electron/main/args';

const cwd = resolve('/home/user/work');

describe('parseShellArgs', () => {
  it('reads --user-data-dir DIR and --user-data-dir=DIR, resolved against the working directory', () => {
    expect(parseShellArgs(['/usr/bin/electron', '.', '--user-data-dir', 'profiles/a'], cwd)).toEqual({ userDataDir: join(cwd, 'profiles', 'a') });
    expect(parseShellArgs(['keyflow', '--user-data-dir=/tmp/kf'], cwd)).toEqual({ userDataDir: resolve('/tmp/kf') });
  });

  it('ignores everything else, including Chromium switches', () => {
    expect(parseShellArgs(['electron', '.', '--no-sandbox', '--enable-logging', '--user-data-directory=/x'], cwd)).toEqual({});
  });

  it('lets the last occurrence win', () => {
    expect(parseShellArgs(['k', '--user-data-dir', '/a', '--user-data-dir=/b'], cwd)).toEqual({ userDataDir: resolve('/b') });
  });

  it('refuses the flag without a directory instead of falling back to the default profile', () => {
    for (const argv of [
      ['k', '--user-data-dir'],
      ['k', '--user-data-dir='],
      ['k', '--user-data-dir', '--no-sandbox'],
      ['k', '--user-data-dir=a\0b'],
    ]) {
      expect(() => parseShellArgs(argv, cwd)).toThrow(/needs a directory/);
    }
  });
});
