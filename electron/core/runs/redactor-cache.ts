import { Redactor } from '../redaction/redactor';
import type { SecretStore } from '../secrets/secret-store';
import type { RunRedactor } from './run-redactor';

/**
 * The redactor over every secret of the workspace. Building it decrypts every value and
 * compiles one automaton, so it is kept until a value is added, changed or deleted.
 */
export class RedactorCache {
  private current: RunRedactor | null = null;

  constructor(private readonly secrets: SecretStore) {}

  invalidate(): void {
    this.current = null;
  }

  get(): RunRedactor {
    if (!this.current) {
      this.current = new Redactor(this.secrets.list().map(({ id, name }) => ({ id, name, value: this.secrets.revealForRun(id) })));
    }
    return this.current;
  }
}
