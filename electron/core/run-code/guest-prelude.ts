/**
 * The part of a run that executes *inside* QuickJS. The worker evaluates this function's
 * source in each fresh context and calls it with two host functions, so it must be
 * self-contained: no imports, no references to anything outside its own body.
 *
 * It defines the only non-standard globals the code sees — `input`, `console`, `fetch` —
 * runs the code as the body of an async function, and settles with a GuestOutcome.
 * Nothing here is a security boundary (the code shares this realm and can redefine any
 * builtin); the host re-validates everything that crosses (see fetch-relay.ts).
 */

/** What the guest settles with: the output as JSON, or why there is none. */
export interface GuestOutcome {
  kind: 'ok' | 'exception' | 'invalid-output';
  /** The output's JSON when `kind` is 'ok', else the message. */
  value: string;
}

export function guestPrelude(
  hostLog: (line: string) => void,
  hostFetch: (requestJson: string) => Promise<string>,
  inputJson: string,
  code: string,
): Promise<GuestOutcome> {
  // Taken before the code runs, so the code redefining them doesn't change our behaviour.
  const { parse, stringify } = JSON;
  const objectTag = Object.prototype.toString;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as (body: string) => () => Promise<unknown>;

  function describe(value: unknown): string {
    switch (typeof value) {
      case 'string':
        return value;
      case 'function':
        return `[Function: ${value.name || '(anonymous)'}]`;
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return value.toString();
      case 'object':
        if (value === null) return 'null';
        if (value instanceof Error) return `${value.name}: ${value.message}`;
        return objectToJson(value);
      default:
        return String(value);
    }
  }

  // JSON like a browser console shows it: cycles marked rather than fatal, BigInts kept.
  function objectToJson(value: object): string {
    const ancestors: object[] = [];
    function replacer(this: unknown, _key: string, item: unknown): unknown {
      if (typeof item === 'bigint') return `${item}n`;
      if (typeof item !== 'object' || item === null) return item;
      while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
      if (ancestors.includes(item)) return '[Circular]';
      ancestors.push(item);
      return item;
    }
    try {
      return stringify(value, replacer) ?? objectTag.call(value);
    } catch {
      return objectTag.call(value);
    }
  }

  // Where in the code an error arose: its innermost frame in the code, whose lines the
  // engine counts from the two lines the Function constructor puts before the body.
  const codeLines = code.split('\n').length;
  function whereInCode(error: Error): string {
    const frame = /<input>:(\d+)/.exec(String(error.stack));
    if (!frame) return '';
    const line = Number(frame[1]) - 2;
    if (line > codeLines) return ' (at the end of the code)';
    return line >= 1 ? ` (line ${line})` : '';
  }

  function describeError(error: unknown): string {
    return error instanceof Error ? `${error.name}: ${error.message}${whereInCode(error)}` : `Uncaught ${describe(error)}`;
  }

  const log = (...args: unknown[]): void => hostLog(args.map(describe).join(' '));

  function headerRecord(headers: unknown): Record<string, string> | undefined {
    if (headers === undefined || headers === null) return undefined;
    const pairs = Array.isArray(headers) ? headers : Object.entries(headers as object);
    const record: Record<string, string> = {};
    for (const [name, value] of pairs) record[String(name)] = String(value);
    return record;
  }

  function bodyText(body: unknown): string | undefined {
    if (body === undefined || body === null) return undefined;
    if (typeof body !== 'string') throw new TypeError('fetch: the body must be a string (use JSON.stringify for objects)');
    return body;
  }

  function response(reply: { status: number; headers: Record<string, string>; body: string }) {
    const headers = new Map(Object.entries(reply.headers).map(([name, value]) => [name.toLowerCase(), value]));
    return {
      status: reply.status,
      ok: reply.status >= 200 && reply.status < 300,
      headers: {
        get: (name: string) => headers.get(String(name).toLowerCase()) ?? null,
        has: (name: string) => headers.has(String(name).toLowerCase()),
        entries: () => headers.entries(),
        forEach: (callback: (value: string, name: string) => void) => headers.forEach((value, name) => callback(value, name)),
      },
      text: async () => reply.body,
      json: async (): Promise<unknown> => parse(reply.body),
    };
  }

  async function fetch(resource: unknown, init: { method?: unknown; headers?: unknown; body?: unknown } = {}) {
    const request = {
      url: String(resource),
      method: init.method === undefined ? undefined : String(init.method),
      headers: headerRecord(init.headers),
      body: bodyText(init.body),
    };
    return response(parse(await hostFetch(stringify(request))));
  }

  function rejectUnserializable(key: string, value: unknown): unknown {
    const type = typeof value;
    if (type === 'function' || type === 'symbol' || type === 'bigint') {
      throw new TypeError(`it contains a ${type === 'bigint' ? 'BigInt' : type}${key === '' ? '' : ` under the key "${key}"`}`);
    }
    return value;
  }

  function serialize(output: unknown): GuestOutcome {
    try {
      return { kind: 'ok', value: output === undefined ? 'null' : (stringify(output, rejectUnserializable) ?? 'null') };
    } catch (error) {
      const reason = error instanceof Error ? error.message : describe(error);
      return { kind: 'invalid-output', value: `The return value is not JSON-serializable: ${reason}` };
    }
  }

  Object.defineProperties(globalThis, {
    input: { value: parse(inputJson), writable: true, configurable: true },
    console: { value: { log, info: log, warn: log, error: log, debug: log }, writable: true, configurable: true },
    fetch: { value: fetch, writable: true, configurable: true },
  });

  return (async (): Promise<GuestOutcome> => {
    let output: unknown;
    try {
      output = await AsyncFunction(code)();
    } catch (error) {
      return { kind: 'exception', value: describeError(error) };
    }
    return serialize(output);
  })();
}
