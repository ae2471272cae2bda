import { describe, expect, it } from 'vitest';
import { fingerprintOf as mainFingerprintOf, generateDeviceKeys, memberIdOf as mainMemberIdOf } from '../../../electron/core/crypto/device-keys';
import { identityText, parseIdentityText as mainParseIdentityText } from '../../../electron/core/identity/identity-text';
import { fingerprintGroups, fingerprintOf, memberIdOf, sameFingerprint, shortFingerprint } from '../../../renderer/src/format/fingerprint';
import { checkIdentity, parseIdentityText, type PastedIdentity } from '../../../renderer/src/store/identity-text';

function identityOf() {
  const keys = generateDeviceKeys();
  return { memberId: keys.memberId, name: 'Ada Lovelace', email: 'ada@example.com', signingKey: keys.signingKey, boxKey: keys.boxKey };
}

/** The text as identity.export writes it, with extra fields when a test needs them. */
const shared = (identity: ReturnType<typeof identityOf>, extra: Record<string, unknown> = {}) => JSON.stringify({ keyflowIdentity: 1, ...identity, ...extra });

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

  it('reads the text identity.export writes, and sends main exactly the JSON it read', () => {
    const identity = identityOf();
    const text = identityText(identity);
    const read = parsed(text);
    expect(read).toEqual({
      json: text,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      signingKey: identity.signingKey,
      boxKey: identity.boxKey,
      memberId: null,
      fingerprint: null,
    });
    expect(mainParseIdentityText(read.json)).toMatchObject({ memberId: identity.memberId, name: 'Ada Lovelace' });
  });

  it('reads it with lines around it (as mail clients and chats add), and sends main only the JSON', () => {
    const identity = identityOf();
    const text = identityText(identity);
    const read = parsed(`Hi, here is my Keyflow identity:\n\n${text}\n\nThanks!`);
    expect(read).toMatchObject({ name: 'Ada Lovelace', signingKey: identity.signingKey, json: text });
    expect(mainParseIdentityText(read.json).memberId).toBe(identity.memberId);
  });

  it('explains what is wrong with text that is not an identity', () => {
    const identity = identityOf();
    for (const text of ['hello', '[1,2]', '{"name":"x"}', '{ "keyflowIdentity": 1, "name": "Ada", "signingKey": 1, "boxKey": 2 }', JSON.stringify(identity)]) {
      const result = parseIdentityText(text);
      expect(result.state).toBe('invalid');
      if (result.state === 'invalid') expect(result.problem).toMatch(/isn’t a Keyflow identity/);
    }
  });

  it('refuses damaged keys and a missing name', () => {
    const identity = identityOf();
    const cut = parseIdentityText(shared(identity, { boxKey: identity.boxKey.slice(0, 40) }));
    expect(cut).toMatchObject({ state: 'invalid', problem: expect.stringMatching(/damaged/) });
    const anonymous = parseIdentityText(shared(identity, { name: '  ' }));
    expect(anonymous).toMatchObject({ state: 'invalid', problem: expect.stringMatching(/no name/) });
  });

  it('computes the fingerprint to compare from the keys themselves', async () => {
    const identity = identityOf();
    const check = await checkIdentity(parsed(identityText(identity)));
    expect(check).toEqual({ ok: true, fingerprint: mainFingerprintOf(identity), memberId: identity.memberId });
  });

  it('refuses an identity whose stated member id or fingerprint does not match its keys', async () => {
    const identity = identityOf();
    const other = identityOf();
    // Someone swapped in their own keys but kept the victim's member id, or stated a fingerprint the keys don't have.
    const swapped = await checkIdentity(parsed(shared(identity, { signingKey: other.signingKey, boxKey: other.boxKey })));
    expect(swapped).toMatchObject({ ok: false, problem: expect.stringMatching(/doesn’t match its own keys/) });
    const stated = await checkIdentity(parsed(shared(other, { memberId: undefined, fingerprint: mainFingerprintOf(identity) })));
    expect(stated.ok).toBe(false);
    const honest = await checkIdentity(parsed(shared(identity, { fingerprint: mainFingerprintOf(identity).toLowerCase() })));
    expect(honest.ok).toBe(true);
  });
});
