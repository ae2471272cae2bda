/**
 * The part of a run that executes *inside* QuickJS. The worker evaluates this function's
 * source in each fresh context and calls it with the host's functions, so it must be
 * self-contained: no imports, no references to anything outside its own body.
 *
 * It defines the globals the code sees beyond the language itself — `input`, `console`,
 * `fetch`, `setTimeout`/`setInterval` (within the deadline), `queueMicrotask`, and the
 * standard helpers of guest-helpers.ts (loaded on first use) — runs the code as the body
 * of an async function, and settles with a GuestOutcome.
 *
 * Nothing here is a security boundary (the code shares this realm and can redefine any
 * builtin); the host re-validates everything that crosses (see fetch-relay.ts). The parts
 * of `input` the host asked to watch are getters that tell the host when they are first
 * read: from then on the host treats everything the code sends as carrying them.
 */

/** What the guest settles with: the output as JSON, or why there is none. */
export interface GuestOutcome {
  kind: 'ok' | 'exception' | 'invalid-output';
  /** The output's JSON when `kind` is 'ok', else the message. */
  value: string;
}

/** The host functions the worker lends the guest. Bytes cross as latin1 strings. */
export interface GuestHost {
  log(line: string): void;
  fetch(requestJson: string): Promise<string>;
  /** A watched part of `input` was read for the first time. */
  read(path: string): void;
  /** `{ "href": … }` of the URL, or `{ "error": message }`. */
  parseUrl(input: string, base: string | undefined): string;
  /** Sets one component of a URL the way the URL standard's setters do; the result as parseUrl's. */
  setUrl(href: string, component: string, value: string): string;
  randomBytes(length: number): string;
  randomUUID(): string;
  /** A digest (algorithm as node:crypto names it) or an HMAC with `key`. Throws on an unknown algorithm. */
  hash(algorithm: string, data: string, key: string | undefined): string;
  /** The helpers' factory (guest-helpers.ts), evaluated on first use. */
  loadHelpers(): (host: GuestHost, parse: (text: string) => unknown) => Record<string, unknown>;
  /** The names of the helpers, as JSON. */
  helperNames: string;
}

/** What the worker drives: the outcome, and the timers the code set. */
export interface GuestRun {
  done: Promise<GuestOutcome>;
  /** Runs the timers that are due; returns ms until the next one, or -1 when none is set. */
  runTimers(): number;
}

export function guestPrelude(host: GuestHost, inputJson: string, watchedJson: string, code: string): GuestRun {
  // Taken before the code runs, so the code redefining them doesn't change our behaviour.
  const { parse, stringify } = JSON;
  const objectTag = Object.prototype.toString;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as (body: string) => () => Promise<unknown>;
  const now = Date.now;

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

  const log = (...args: unknown[]): void => host.log(args.map(describe).join(' '));

  // --- timers -------------------------------------------------------------------------

  interface Timer {
    at: number;
    callback: () => void;
    every: number | null;
  }
  const timers = new Map<number, Timer>();
  let nextTimerId = 1;
  let timerFailure: unknown = undefined;
  let timerFailed = false;

  function addTimer(callback: unknown, delay: unknown, args: unknown[], repeat: boolean): number {
    if (typeof callback !== 'function') throw new TypeError('The callback must be a function (code strings are not evaluated)');
    const ms = Math.max(0, Number(delay) || 0);
    const id = nextTimerId++;
    timers.set(id, { at: now() + ms, callback: () => (callback as (...a: unknown[]) => void)(...args), every: repeat ? Math.max(1, ms) : null });
    return id;
  }

  function runTimers(): number {
    for (;;) {
      let due: [number, Timer] | undefined;
      for (const entry of timers) if (entry[1].at <= now() && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      const [id, timer] = due;
      if (timer.every === null) timers.delete(id);
      else timer.at = now() + timer.every;
      try {
        timer.callback();
      } catch (error) {
        if (!timerFailed) {
          timerFailed = true;
          timerFailure = error;
          settleTimerFailure?.();
        }
      }
      return 0; // let the engine run the jobs this callback queued before the next one
    }
    let next = -1;
    for (const timer of timers.values()) if (next === -1 || timer.at < next) next = timer.at;
    return next === -1 ? -1 : Math.max(0, next - now());
  }
  let settleTimerFailure: (() => void) | undefined;

  // --- fetch --------------------------------------------------------------------------

  function headerRecord(headers: unknown): Record<string, string> | undefined {
    if (headers === undefined || headers === null) return undefined;
    const pairs = Array.isArray(headers) ? headers : Object.entries(headers as object);
    const record: Record<string, string> = {};
    for (const [name, value] of pairs) record[String(name)] = String(value);
    return record;
  }

  function bodyText(body: unknown): string | undefined {
    if (body === undefined || body === null) return undefined;
    if (helpers && body instanceof (helpers.URLSearchParams as new () => object)) return String(body);
    if (typeof body !== 'string') throw new TypeError('fetch: the body must be a string (use JSON.stringify for objects)');
    return body;
  }

  function response(reply: { status: number; headers: Record<string, string>; body: string; json?: unknown }) {
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
      // The host's parse, redacted again: parsing the text here would decode escapes the redactor can't see.
      json: async (): Promise<unknown> => ('json' in reply ? reply.json : parse(reply.body)),
    };
  }

  async function fetch(resource: unknown, init: { method?: unknown; headers?: unknown; body?: unknown } = {}) {
    const request = {
      url: String(resource),
      method: init.method === undefined ? undefined : String(init.method),
      headers: headerRecord(init.headers),
      body: bodyText(init.body),
    };
    return response(parse(await host.fetch(stringify(request))));
  }

  // --- input --------------------------------------------------------------------------

  const input = parse(inputJson) as unknown;
  for (const path of parse(watchedJson) as string[]) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent = input as Record<string, unknown> | null;
    for (const key of keys) parent = parent && typeof parent === 'object' ? (parent[key] as Record<string, unknown>) : null;
    if (!parent || typeof parent !== 'object' || !(last in parent)) continue;
    let value = parent[last];
    let told = false;
    Object.defineProperty(parent, last, {
      get() {
        if (!told) {
          told = true;
          host.read(path);
        }
        return value;
      },
      set(next: unknown) {
        value = next;
      },
      enumerable: true,
      configurable: false,
    });
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

  // The helpers load the first time the code touches one (see guest-helpers.ts).
  let helpers: Record<string, unknown> | undefined;
  for (const name of parse(host.helperNames) as string[]) {
    const settle = (value: unknown) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
    Object.defineProperty(globalThis, name, {
      get() {
        helpers ??= host.loadHelpers()(host, parse);
        settle(helpers[name]);
        return helpers[name];
      },
      set: settle,
      configurable: true,
    });
  }

  const globals: Record<string, unknown> = {
    input,
    console: { log, info: log, warn: log, error: log, debug: log },
    fetch,
    setTimeout: (callback: unknown, delay?: unknown, ...args: unknown[]) => addTimer(callback, delay, args, false),
    setInterval: (callback: unknown, delay?: unknown, ...args: unknown[]) => addTimer(callback, delay, args, true),
    clearTimeout: (id: unknown) => void timers.delete(Number(id)),
    clearInterval: (id: unknown) => void timers.delete(Number(id)),
    queueMicrotask: (callback: unknown) => {
      if (typeof callback !== 'function') throw new TypeError('queueMicrotask: the callback must be a function');
      void Promise.resolve().then(callback as () => void);
    },
  };
  for (const [name, value] of Object.entries(globals)) Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });

  const done = new Promise<GuestOutcome>((settle) => {
    settleTimerFailure = () => settle({ kind: 'exception', value: describeError(timerFailure) });
    (async () => {
      try {
        return serialize(await AsyncFunction(code)());
      } catch (error) {
        return { kind: 'exception' as const, value: describeError(error) };
      }
    })().then(settle);
  });
  return { done, runTimers };
}
