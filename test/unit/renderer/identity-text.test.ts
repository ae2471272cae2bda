import { describe, expect, it } from 'vitest';
import { fingerprintOf as mainFingerprintOf, generateDeviceKeys, memberIdOf as mainMemberIdOf } from '../../../electron/core/crypto/device-keys';
import { fingerprintGroups, fingerprintOf, memberIdOf, sameFingerprint, shortFingerprint } from '../../../renderer/src/format/fingerprint';
import { checkIdentity, parseIdentityText, type PastedIdentity } from '../../../renderer/src/store/identity-text';

function identityOf() {
  const keys = generateDeviceKeys();
  return { memberId: keys.memberId, name: 'Ada Lovelace', email: 'ada@example.com', signingKey: keys.signingKey, boxKey: keys.boxKey };
}

function parsed(text: string): PastedIdentity {
  const result = parseIdentityText(text);
  if (result.state !== 'parsed') throw new Error(`not parsed: ${JSON.stringify(result)}`);
  return result.identity;
}

describe('fingerprints in the renderer', () => {
  it('derive the same member id and fingerprint from public keys as main does', async () => {
    for (let i = 0; i < 5; i++) {
      const identity = identityOf();
      expect(await fingerprintOf(identity)).toBe(mainFingerprintOf(identity));
      expect(await memberIdOf(identity)).toBe(mainMemberIdOf(identity));
    }
  });

  it('show as groups of four, and shortly as the first two', () => {
    const fingerprint = '1A2B 3C4D 5E6F 7A8B 9C0D 1E2F 3A4B 5C6D 7E8F 9A0B';
    expect(fingerprintGroups(fingerprint)).toHaveLength(10);
    expect(fingerprintGroups('1a2b3c4d')).toEqual(['1a2b', '3c4d']);
    expect(shortFingerprint(fingerprint)).toBe('1A2B 3C4D…');
    expect(sameFingerprint(fingerprint, fingerprint.replace(/ /g, '').toLowerCase())).toBe(true);
    expect(sameFingerprint(fingerprint, fingerprint.replace('1A2B', '1A2C'))).toBe(false);
  });
});

describe('pasted identity text', () => {
  it('says nothing about an empty paste', () => {
    expect(parseIdentityText('  \n')).toEqual({ state: 'empty' });
  });

  it('reads the public data from plain JSON', () => {
    const identity = identityOf();
    expect(parsed(JSON.stringify(identity))).toEqual({ ...identity, fingerprint: null });
  });

  it('reads it when wrapped with a format marker, and with lines around it (as mail clients add)', () => {
    const identity = identityOf();
    const text = `Hi, here is my Keyflow identity:\n\n${JSON.stringify({ keyflowIdentity: 1, identity, fingerprint: 'AAAA' }, null, 2)}\n\nThanks!`;
    expect(parsed(text)).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', signingKey: identity.signingKey, fingerprint: 'AAAA' });
  });

  it('explains what is wrong with text that is not an identity', () => {
    for (const text of ['hello', '[1,2]', '{"name":"x"}', '{ "name": "Ada", "signingKey": 1, "boxKey": 2 }']) {
      const result = parseIdentityText(text);
      expect(result.state).toBe('invalid');
      if (result.state === 'invalid') expect(result.problem).toMatch(/isn’t a Keyflow identity/);
    }
  });

  it('refuses damaged keys and a missing name', () => {
    const identity = identityOf();
    const cut = parseIdentityText(JSON.stringify({ ...identity, boxKey: identity.boxKey.slice(0, 40) }));
    expect(cut).toMatchObject({ state: 'invalid', problem: expect.stringMatching(/damaged/) });
    const anonymous = parseIdentityText(JSON.stringify({ ...identity, name: '  ' }));
    expect(anonymous).toMatchObject({ state: 'invalid', problem: expect.stringMatching(/no name/) });
  });

  it('computes the fingerprint to compare from the keys themselves', async () => {
    const identity = identityOf();
    const check = await checkIdentity(parsed(JSON.stringify(identity)));
    expect(check).toEqual({ ok: true, fingerprint: mainFingerprintOf(identity), memberId: identity.memberId });
  });

  it('refuses an identity whose stated member id or fingerprint does not match its keys', async () => {
    const identity = identityOf();
    const other = identityOf();
    // Someone swapped in their own keys but kept the victim's member id, or stated a fingerprint the keys don't have.
    const swapped = await checkIdentity(parsed(JSON.stringify({ ...identity, signingKey: other.signingKey, boxKey: other.boxKey })));
    expect(swapped).toMatchObject({ ok: false, problem: expect.stringMatching(/doesn’t match its own keys/) });
    const stated = await checkIdentity(parsed(JSON.stringify({ identity: { ...other, memberId: undefined }, fingerprint: mainFingerprintOf(identity) })));
    expect(stated.ok).toBe(false);
    const honest = await checkIdentity(parsed(JSON.stringify({ identity, fingerprint: mainFingerprintOf(identity).toLowerCase() })));
    expect(honest.ok).toBe(true);
  });
});
