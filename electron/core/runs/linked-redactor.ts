/**
 * A run's redactor when it read values from external sources: the workspace's redactor
 * (kept between runs) followed by one over those values alone, which exist for this run only.
 */
import { Redactor, type MaskableSecret } from '../redaction/redactor';
import type { RunRedactor } from './run-redactor';

export function withLinkedValues(base: RunRedactor, linked: readonly MaskableSecret[]): RunRedactor {
  if (linked.length === 0) return base;
  const extra = new Redactor(linked);
  return {
    redact: (text) => extra.redact(base.redact(text)),
    createStream() {
      const first = base.createStream();
      const second = extra.createStream();
      return { push: (chunk) => second.push(first.push(chunk)), flush: () => second.push(first.flush()) + second.flush() };
    },
  };
}
