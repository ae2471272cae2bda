/** Every failure a bridge call can report. The renderer switches on `code`, shows `message`. */
export const BRIDGE_ERROR_CODES = [
  'invalid_request',
  'unknown_call',
  'not_found',
  'conflict',
  'vault_locked',
  'keychain_unavailable',
  'wrong_passphrase',
  'wrong_recovery_key',
  'rate_limited',
  'forbidden',
  'internal',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export interface BridgeErrorBody {
  code: BridgeErrorCode;
  message: string;
  /**
   * Where in the arguments the error is, when it is about one: a dotted path, as main
   * knows it ("name", "definition.steps.2.config.url"). Read it with `fieldPath`.
   */
  field?: string;
}

/** A field path's parts, numbers for array positions: "definition.steps.2.name" → ['definition', 'steps', 2, 'name']. */
export function fieldPath(field: string | undefined): (string | number)[] {
  if (!field) return [];
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
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
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

/** What every transport carries back for one call. */
export type BridgeResponse<T> = { ok: true; result: T } | { ok: false; error: BridgeErrorBody };
