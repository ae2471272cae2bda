/** Every failure a bridge call can report. The renderer switches on `code`, shows `message`. */
export const BRIDGE_ERROR_CODES = [
  'invalid_request',
  'unknown_call',
  'not_found',
  'conflict',
  'vault_locked',
  'keychain_unavailable',
  'wrong_passphrase',
  'forbidden',
  'internal',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export interface BridgeErrorBody {
  code: BridgeErrorCode;
  message: string;
  /** The argument the error is about, when there is one (e.g. "name"). */
  field?: string;
}

export class BridgeError extends Error {
  readonly code: BridgeErrorCode;
  readonly field?: string;
  constructor(code: BridgeErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.field = field;
  }
  toBody(): BridgeErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** What every transport carries back for one call. */
export type BridgeResponse<T> = { ok: true; result: T } | { ok: false; error: BridgeErrorBody };
