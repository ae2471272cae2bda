import { Redactor, type MaskableSecret } from '../redaction/redactor';
import type { RunRedactor } from './run-redactor';

/**
 * The redactor over every value this person's runs can hold. Building it decrypts every
 * value and compiles one automaton, so it is kept until a value is added, changed or
 * deleted, or a sync changes what this person may use.
 */
export class RedactorCache {
  private current: RunRedactor | null = null;

  constructor(private readonly values: () => MaskableSecret[]) {}

  invalidate(): void {
    this.current = null;
  }

  get(): RunRedactor {
    this.current ??= new Redactor(this.values());
    return this.current;
  }
}
