import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { accountName } from '../../../electron/core/identity/identity';

describe('the name a new identity starts with', () => {
  const { username, uid } = userInfo();
  const passwd = (gecos: string) => `daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n${username}:x:${uid}:${uid}:${gecos}:/home/x:/bin/sh\n`;

  it('is the computer account’s full name where the system keeps one', () => {
    expect(accountName(() => passwd('Ada Lovelace,Room 1,,'))).toBe(process.platform === 'win32' ? username : 'Ada Lovelace');
  });

  it('is the user name when there is no full name, or no passwd file', () => {
    expect(accountName(() => passwd(''))).toBe(username);
    expect(
      accountName(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(username);
  });
});
