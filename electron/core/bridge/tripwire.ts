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
 * in a bridge response. Off in production: it would keep plaintexts in memory.
 */
export class Tripwire {
  private readonly variants = new Set<string>();

  remember(value: string): void {
    for (const variant of secretVariants(value)) this.variants.add(variant);
  }

  /** Checks every string in the response (keys included) as the renderer will see it, before serialization. */
  check(call: string, response: unknown): void {
    if (this.variants.size === 0) return;
    const visit = (node: unknown): void => {
      if (typeof node === 'string') {
        for (const variant of this.variants) if (node.includes(variant)) throw new TripwireError(call);
      } else if (Array.isArray(node)) {
        node.forEach(visit);
      } else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          visit(key);
          visit(value);
        }
      }
    };
    visit(response);
  }
}
