/**
 * Envelope encryption of secret values.
 *
 * Each value gets its own random 256-bit data key (DEK). The value is sealed with
 * AES-256-GCM under the DEK; the DEK is sealed with AES-256-GCM under the master key.
 * Both use a fresh 96-bit nonce and the same associated data, which binds the
 * ciphertext to its workspace, its secret and its value version: a ciphertext copied
 * onto another row, or an older ciphertext put back under a newer version, fails to open.
 *
 * Layout (format 1):
 *   [1 format][12 dek nonce][32 sealed dek][16 dek tag][12 value nonce][n sealed value][16 value tag]
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { gcmOpen, gcmSeal } from '../crypto/aead';
import { DEFAULT_ENVIRONMENT_ID } from '../../../shared/model/environment';

const FORMAT = 1;
const NONCE = 12;
const TAG = 16;
const KEY = 32;
const HEADER = 1 + NONCE + KEY + TAG + NONCE;

export interface SealContext {
  workspaceId: string;
  secretId: string;
  version: number;
  /** The environment the value belongs to; values of the Default environment name none (as values did before environments). */
  environmentId?: string;
}

/** What a sealed value is bound to: workspace, secret, value version and (but for "default") environment. */
export function sealContextText(context: SealContext): string {
  const environment = context.environmentId && context.environmentId !== DEFAULT_ENVIRONMENT_ID ? `|env:${context.environmentId}` : '';
  return `${context.workspaceId}|${context.secretId}|${context.version}${environment}`;
}

export class TamperedValueError extends Error {
  constructor(secretId: string) {
    super(`The stored value of secret ${secretId} failed authentication: it was altered, moved from another secret or rolled back.`);
    this.name = 'TamperedValueError';
  }
}

function associatedData(context: SealContext): Buffer {
  // Ids are restricted to [A-Za-z0-9_-], so '|' can't be forged by crafting an id.
  return Buffer.from(`keyflow/value/v${FORMAT}|${sealContextText(context)}`, 'utf8');
}

export function sealValue(masterKey: KeyObject, context: SealContext, plaintext: string): Buffer {
  const aad = associatedData(context);
  // One draw from the CSPRNG for the data key and both nonces: sealing tens of thousands of values (a restore) spent most of its time in separate draws.
  const random = randomBytes(KEY + 2 * NONCE);
  const dek = random.subarray(0, KEY);
  const dekNonce = random.subarray(KEY, KEY + NONCE);
  const valueNonce = random.subarray(KEY + NONCE);
  const [sealedDek, dekTag] = gcmSeal(masterKey, dekNonce, dek, aad);
  const [sealedValue, valueTag] = gcmSeal(dek, valueNonce, Buffer.from(plaintext, 'utf8'), aad);
  const sealed = Buffer.concat([Buffer.of(FORMAT), dekNonce, sealedDek, dekTag, valueNonce, sealedValue, valueTag]);
  dek.fill(0);
  return sealed;
}

export function openValue(masterKey: KeyObject, context: SealContext, blob: Buffer): string {
  if (blob.length < HEADER + TAG || blob[0] !== FORMAT) throw new TamperedValueError(context.secretId);
  const aad = associatedData(context);
  let at = 1;
  const take = (length: number) => blob.subarray(at, (at += length));
  const dekNonce = take(NONCE);
  const sealedDek = take(KEY);
  const dekTag = take(TAG);
  const valueNonce = take(NONCE);
  const sealedValue = take(blob.length - at - TAG);
  const valueTag = take(TAG);
  let dek: Buffer | undefined;
  try {
    dek = gcmOpen(masterKey, dekNonce, sealedDek, dekTag, aad);
    return gcmOpen(dek, valueNonce, sealedValue, valueTag, aad).toString('utf8');
  } catch {
    throw new TamperedValueError(context.secretId);
  } finally {
    dek?.fill(0);
  }
}
