/**
 * Values in a team workspace: each sealed with AES-256-GCM under its own data key, and
 * the data key wrapped (X25519 + HKDF + AES-GCM) for every device of the members who may use it —
 * Owners, Admins, and for a Restricted key the people and groups granted it; in a
 * protected environment, only those of them who may run there. Someone
 * without a wrap can't decrypt the value from the shared file, whatever app they run.
 *
 * A sealed value: { data, epks, wraps }. `epks` are the ephemeral public keys the wraps
 * were made with (one per write that added wraps); each wrap, keyed by device id (a member's
 * first device has the member's id), is "<epk index>.<wrapped key>".
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BridgeError } from '../../../shared/bridge/errors';
import type { SecretRightsInput } from '../../../shared/model/team';
import { GCM_NONCE, GCM_TAG, gcmOpen, gcmSeal } from '../crypto/aead';
import { KeyWrapper, type KeyUnwrapper } from '../crypto/key-wrap';
import { sealContextText, TamperedValueError, type SealContext } from '../vault/envelope';
import type { ValueSealer } from '../secrets/value-sealer';
import type { WorkspaceAccess } from '../access/workspace-access';

export const teamValueSchema = z
  .object({
    /** nonce ‖ ciphertext ‖ tag under the data key, base64url. */
    data: z.string().max(200_000),
    epks: z.array(z.string().regex(/^[A-Za-z0-9_-]{43}$/)).max(1000),
    wraps: z.record(z.string().max(64), z.string().max(300)),
  })
  .strict();
export type TeamValue = z.infer<typeof teamValueSchema>;

function valueAad(context: SealContext): Buffer {
  return Buffer.from(`keyflow/team-value/v1|${sealContextText(context)}`, 'utf8');
}

export function wrapContext(context: SealContext): string {
  return sealContextText(context);
}

export function encodeTeamValue(value: TeamValue): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

export function decodeTeamValue(blob: Buffer | string): TeamValue {
  return JSON.parse(typeof blob === 'string' ? blob : blob.toString('utf8')) as TeamValue;
}

/** Opens the data key of a value with one member's keys; null when nothing is wrapped for them. */
export function unwrapDataKey(value: TeamValue, unwrapper: KeyUnwrapper, context: SealContext): Buffer | null {
  const wrap = value.wraps[unwrapper.memberId];
  if (wrap === undefined) return null;
  const dot = wrap.indexOf('.');
  const epk = value.epks[Number(wrap.slice(0, dot))];
  if (epk === undefined) throw new TamperedValueError(context.secretId);
  return unwrapper.unwrap(epk, wrap.slice(dot + 1), wrapContext(context));
}

export class TeamSealer implements ValueSealer {
  constructor(
    private readonly access: WorkspaceAccess,
    private readonly unwrapper: () => KeyUnwrapper,
  ) {}

  seal(context: SealContext, plaintext: string, secret: SecretRightsInput, wrapper = new KeyWrapper()): Buffer {
    const dataKey = randomBytes(32);
    try {
      return encodeTeamValue(this.sealWith(dataKey, context, Buffer.from(plaintext, 'utf8'), secret, wrapper));
    } finally {
      dataKey.fill(0);
    }
  }

  open(context: SealContext, blob: Buffer): string {
    const value = decodeTeamValue(blob);
    const dataKey = this.dataKey(context, value);
    try {
      return this.decrypt(dataKey, context, value).toString('utf8');
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Wraps the data key for whoever may use the secret now. When someone who held a wrap
   * no longer may, the value gets a new data key, so old wraps of theirs open nothing new.
   */
  reseal(context: SealContext, blob: Buffer, secret: SecretRightsInput, wrapper = new KeyWrapper()): Buffer {
    return encodeTeamValue(this.readdress(context, decodeTeamValue(blob), secret, wrapper));
  }

  /** `reseal` on a value already decoded. */
  readdress(context: SealContext, value: TeamValue, secret: SecretRightsInput, wrapper = new KeyWrapper()): TeamValue {
    const recipients = this.access.recipientDevices(secret, context.environmentId);
    const allowed = new Set(recipients.map((device) => device.memberId));
    const dataKey = this.dataKey(context, value);
    try {
      if (Object.keys(value.wraps).every((memberId) => allowed.has(memberId))) {
        const added = recipients.filter((device) => value.wraps[device.memberId] === undefined);
        let index = value.epks.indexOf(wrapper.epk);
        const epks = index === -1 ? [...value.epks, wrapper.epk] : value.epks;
        if (index === -1) index = epks.length - 1;
        const wraps = { ...value.wraps };
        for (const device of added) wraps[device.memberId] = `${index}.${wrapper.wrap(dataKey, device, wrapContext(context))}`;
        return { data: value.data, epks, wraps };
      }
      const plaintext = this.decrypt(dataKey, context, value);
      const fresh = randomBytes(32);
      try {
        return this.sealWith(fresh, context, plaintext, secret, wrapper);
      } finally {
        fresh.fill(0);
        plaintext.fill(0);
      }
    } finally {
      dataKey.fill(0);
    }
  }

  /** Whether the wraps of a sealed value go to exactly the devices of the members who may use the secret in its environment. */
  addressedCorrectly(sealed: Buffer | TeamValue, secret: SecretRightsInput, environmentId: string): boolean {
    const { wraps } = Buffer.isBuffer(sealed) ? decodeTeamValue(sealed) : sealed;
    const recipients = this.access.recipientDevices(secret, environmentId);
    return Object.keys(wraps).length === recipients.length && recipients.every((device) => wraps[device.memberId] !== undefined);
  }

  private sealWith(dataKey: Buffer, context: SealContext, plaintext: Buffer, secret: SecretRightsInput, wrapper: KeyWrapper): TeamValue {
    const nonce = randomBytes(GCM_NONCE);
    const [sealed, tag] = gcmSeal(dataKey, nonce, plaintext, valueAad(context));
    const wraps: Record<string, string> = {};
    for (const device of this.access.recipientDevices(secret, context.environmentId)) wraps[device.memberId] = `0.${wrapper.wrap(dataKey, device, wrapContext(context))}`;
    return { data: Buffer.concat([nonce, sealed, tag]).toString('base64url'), epks: [wrapper.epk], wraps };
  }

  private dataKey(context: SealContext, value: TeamValue): Buffer {
    let dataKey: Buffer | null;
    try {
      dataKey = unwrapDataKey(value, this.unwrapper(), context);
    } catch {
      throw new TamperedValueError(context.secretId);
    }
    if (!dataKey) {
      throw new BridgeError('forbidden', 'This secret key’s value has not been shared with you yet: the Keyflow of an Admin or of the key’s owner shares it at its next sync.');
    }
    return dataKey;
  }

  private decrypt(dataKey: Buffer, context: SealContext, value: TeamValue): Buffer {
    const bytes = Buffer.from(value.data, 'base64url');
    try {
      return gcmOpen(dataKey, bytes.subarray(0, GCM_NONCE), bytes.subarray(GCM_NONCE, -GCM_TAG), bytes.subarray(-GCM_TAG), valueAad(context));
    } catch {
      throw new TamperedValueError(context.secretId);
    }
  }
}
