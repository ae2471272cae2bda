import type { RedactionStream } from '../redaction/redaction-stream';

/** What a run needs of the redactor: whole strings, prefixes cut safely, and a stream that masks across chunk boundaries. */
export interface RunRedactor {
  readonly lookahead: number;
  redact(text: string): string;
  redactPrefix(text: string, length: number): string;
  createStream(): RedactionStream;
}

/** Masks every string inside a JSON-like value, keys included. */
export function redactDeep(value: unknown, redactor: RunRedactor): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactor));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactor.redact(key), redactDeep(item, redactor)]));
  }
  return value;
}
