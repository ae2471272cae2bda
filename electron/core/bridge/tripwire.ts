import { secretVariants } from '../secrets/secret-variants';

export class TripwireError extends Error {
  constructor(call: string) {
    super(`Tripwire: the response to ${call} contained the value of a stored secret. No call may return a secret's value.`);
    this.name = 'TripwireError';
  }
}

/**
 * Development and test guard: remembers every value that entered the vault (never
 * forgetting old versions or deleted secrets) and throws if any appears, raw or encoded,
 * in a serialized bridge response. Off in production: it would keep plaintexts in memory.
 */
export class Tripwire {
  private readonly variants = new Set<string>();

  remember(value: string): void {
    for (const variant of secretVariants(value)) this.variants.add(variant);
  }

  check(call: string, serializedResponse: string): void {
    for (const variant of this.variants) {
      if (serializedResponse.includes(variant)) throw new TripwireError(call);
    }
  }
}
