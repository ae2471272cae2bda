import { Redactor, type MaskableSecret } from '../redaction/redactor';
import type { RunRedactor } from './run-redactor';

/**
 * The redactor over every value this person's runs can hold. Building it decrypts every
 * value and compiles one automaton, so it is kept until a value is added, changed or
 * deleted, or a sync changes what this person may use.
 */
export class RedactorCache {
  private values: MaskableSecret[] | null = null;
  private current: RunRedactor | null = null;

  constructor(private readonly read: () => MaskableSecret[]) {}

  invalidate(): void {
    this.values = null;
    this.current = null;
  }

  /**
   * The cached redactor; with values read for one run only (linked to an external source),
   * one automaton over them and the cached values, so overlapping matches merge and cuts
   * finish a straddling secret whichever value it is.
   */
  get(runOnly: readonly MaskableSecret[] = []): RunRedactor {
    this.values ??= this.read();
    if (runOnly.length > 0) return new Redactor([...this.values, ...runOnly]);
    this.current ??= new Redactor(this.values);
    return this.current;
  }
}
