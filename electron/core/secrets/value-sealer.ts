import type { SecretRightsInput } from '../../../shared/model/team';
import type { SealContext } from '../vault/envelope';
import type { Vault } from '../vault/vault';

/** How a workspace encrypts its values: the vault's master key (personal) or per-member wraps (team). */
export interface ValueSealer {
  seal(context: SealContext, plaintext: string, secret: SecretRightsInput): Buffer;
  /** Throws a BridgeError when this person can't open the value. */
  open(context: SealContext, blob: Buffer): string;
  /** Re-addresses a sealed value to whoever may use `secret` now (a new data key when someone lost access). */
  reseal(context: SealContext, blob: Buffer, secret: SecretRightsInput): Buffer;
}

/** The personal workspace: values sealed under the vault's master key, which only this person holds. */
export function vaultSealer(vault: Vault): ValueSealer {
  return {
    seal: (context, plaintext) => vault.seal(context, plaintext),
    open: (context, blob) => vault.open(context, blob),
    reseal: (_context, blob) => blob,
  };
}
