import { secretVariants } from '../redaction/secret-variants';
import { Automaton } from '../redaction/automaton';

/**
 * Whether a test asked for the tripwire (KEYFLOW_TRIPWIRE=1). Never on otherwise — not in
 * development either: it keeps every plaintext that entered the vault in memory.
 */
export function tripwireRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.KEYFLOW_TRIPWIRE === '1';
}

export class TripwireError extends Error {
  constructor(call: string) {
    super(`Tripwire: the response to ${call} contained the value of a stored secret. No call may return a secret's value.`);
    this.name = 'TripwireError';
  }
}

/** Values and the automaton over all their forms. */
interface Level {
  values: string[];
  automaton: Automaton;
}

const compile = (values: readonly string[]) => new Automaton(values.flatMap((value) => secretVariants(value).map((text) => ({ text, owner: 0 }))));

/**
 * Development and test guard: remembers every value that entered the vault (never
 * forgetting old versions or deleted secrets) and throws if any appears, raw or encoded,
 * in a bridge response. Matching uses the redactor's automaton, so a check costs the
 * length of the response, not the number of secrets. Values are kept in levels of
 * doubling size, merged like a binary counter, so remembering n values compiles
 * O(n log n) patterns in all instead of recompiling everything each time.
 * Only when a test asks for it (tripwireRequested): it keeps plaintexts in memory.
 */
export class Tripwire {
  private readonly known = new Set<string>();
  private readonly levels: Level[] = [];

  remember(value: string): void {
    if (this.known.has(value)) return;
    this.known.add(value);
    let values = [value];
    while (this.levels.length > 0 && this.levels[this.levels.length - 1]!.values.length <= values.length) {
      values = [...this.levels.pop()!.values, ...values];
    }
    this.levels.push({ values, automaton: compile(values) });
  }

  /** Checks every string in the response (keys included) as the renderer will see it, before serialization. */
  check(call: string, response: unknown): void {
    if (this.levels.length === 0) return;
    const found = () => {
      throw new TripwireError(call);
    };
    const visit = (node: unknown): void => {
      if (typeof node === 'string') {
        for (const { automaton } of this.levels) automaton.scan(node, 0, node.length, 0, found);
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
