/**
 * Refusals of an import: a sentence of ours naming the problem. A parser's own message
 * may quote the input — and so a credential — so any part of one shown to people goes
 * through `scrubbed` first, which cuts every detected credential and every long run of
 * letters and digits (a token of a format no rule knows) out of it.
 */
import { BridgeError } from '../../../shared/bridge/errors';
import { detectCredentials } from '../../../shared/detection/detect';

export function importError(message: string): BridgeError {
  return new BridgeError('invalid_request', message, 'source');
}

/** A parser's message, safe to show: credentials and token-like runs replaced by "…", and short. */
export function scrubbed(message: string): string {
  let text = message.replace(/\s+/g, ' ').trim();
  for (const detection of detectCredentials(text, { kind: 'text' }).reverse()) text = `${text.slice(0, detection.start)}…${text.slice(detection.end)}`;
  text = text.replace(/[A-Za-z0-9_+=.-]{24,}/g, '…');
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
