import { afterAll, describe, expect, it } from 'vitest';
import { createCodeSandbox, type RunCodeRequest, type RunCodeResult } from '../../../electron/core/run-code/sandbox';
import { recordingHost } from './hosts';

const sandbox = createCodeSandbox();
afterAll(() => sandbox.close());

const run = (code: string, input: unknown = null, host = recordingHost().host, extra: Partial<RunCodeRequest> = {}) => sandbox.run({ code, input, ...extra }, host);

function failure(result: RunCodeResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}

describe('Run Code: input and output', () => {
  it('returns the output computed from the input', async () => {
    const input = { apiKey: 'sk_live_51H', steps: { fetchUsers: [{ name: 'Ada' }, { name: 'Linus' }] } };
    const result = await run('return { names: input.steps.fetchUsers.map((u) => u.name), key: input.apiKey.slice(0, 4) };', input);
    expect(result).toMatchObject({ ok: true, output: { names: ['Ada', 'Linus'], key: 'sk_l' } });
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('is the body of an async function: await works, and no return gives null', async () => {
    expect(await run('const v = await Promise.resolve(20); return v + (await 1) * 2;')).toMatchObject({ ok: true, output: 22 });
    expect(await run('const unused = 1;')).toMatchObject({ ok: true, output: null });
  });

  it('gives the code JSON, not the caller’s objects', async () => {
    const result = await run('return [typeof input.when, input.when, "gone" in input];', { when: new Date(0), gone: undefined });
    expect(result).toMatchObject({ ok: true, output: ['string', '1970-01-01T00:00:00.000Z', false] });
  });
});

describe('Run Code: console', () => {
  it('captures console lines, formatted like a browser console, and streams them to the host', async () => {
    const { host, lines } = recordingHost();
    const result = await run(
      [
        'console.log("user", { id: 7, tags: ["a"] }, [1, 2], 3, true, null, undefined);',
        'console.info(10n, Symbol("s"), function named() {});',
        'const loop = { name: "loop" }; loop.self = loop;',
        'console.warn(loop);',
        'console.error(new TypeError("bad thing"));',
        'return "done";',
      ].join('\n'),
      null,
      host,
    );
    const expected = ['user {"id":7,"tags":["a"]} [1,2] 3 true null undefined', '10n Symbol(s) [Function: named]', '{"name":"loop","self":"[Circular]"}', 'TypeError: bad thing'];
    expect(result).toEqual({ ok: true, output: 'done', logs: expected, durationMs: expect.any(Number) });
    expect(lines).toEqual(expected);
  });

  it('keeps the logs of a run that fails', async () => {
    const result = await run('console.log("before"); throw new Error("after");');
    expect(result.logs).toEqual(['before']);
    expect(failure(result).kind).toBe('exception');
  });

  it('caps console output and says so', async () => {
    const result = await run('const line = "x".repeat(100000); for (let i = 0; i < 20; i++) console.log(line); return 1;');
    expect(result.ok).toBe(true);
    expect(result.logs.slice(0, -1).join('')).toHaveLength(1_000_000);
    expect(result.logs.at(-1)).toBe('[console output truncated after 1000000 characters]');
  });
});

describe('Run Code: fetch goes through the host', () => {
  it('relays the request as written and gives the code a Response-like object', async () => {
    const { host, requests } = recordingHost(async () => ({
      status: 201,
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' },
      body: '{"created":true}',
    }));
    const code = [
      'const res = await fetch("https://api.example.com/v1/items?x=1", {',
      '  method: "POST",',
      '  headers: { Authorization: `Bearer ${input.token}`, "Content-Type": "application/json" },',
      '  body: JSON.stringify({ name: "item" }),',
      '});',
      'return { status: res.status, ok: res.ok, type: res.headers.get("content-type"), id: res.headers.get("X-REQUEST-ID"),',
      '  missing: res.headers.get("nope"), has: res.headers.has("x-request-id"), body: await res.json() };',
    ].join('\n');
    const result = await run(code, { token: 'tok_123' }, host);
    expect(requests).toEqual([
      {
        url: 'https://api.example.com/v1/items?x=1',
        method: 'POST',
        headers: { Authorization: 'Bearer tok_123', 'Content-Type': 'application/json' },
        body: '{"name":"item"}',
      },
    ]);
    expect(result).toMatchObject({
      ok: true,
      output: { status: 201, ok: true, type: 'application/json', id: 'r-1', missing: null, has: true, body: { created: true } },
    });
  });

  it('accepts header pairs, reads text(), and sends nothing the code did not set', async () => {
    const { host, requests } = recordingHost(async () => ({ status: 404, headers: {}, body: 'not here' }));
    const result = await run('const r = await fetch("http://h.test/", { headers: [["A", 1]] }); return [r.ok, await r.text()];', null, host);
    expect(requests).toEqual([{ url: 'http://h.test/', headers: { A: '1' } }]);
    expect(result).toMatchObject({ ok: true, output: [false, 'not here'] });
  });

  it('turns a refusal by the host into a TypeError the code can catch', async () => {
    const { host } = recordingHost(async () => {
      throw new Error('api.evil.test is not an allowed domain for this secret');
    });
    const result = await run('try { await fetch("https://api.evil.test/"); } catch (e) { return [e.name, e.message]; }', null, host);
    expect(result).toMatchObject({ ok: true, output: ['TypeError', 'api.evil.test is not an allowed domain for this secret'] });
  });

  it('rejects a body that is not a string before it reaches the host', async () => {
    const { host, requests } = recordingHost(async () => ({ status: 200, headers: {}, body: '' }));
    const error = failure(await run('await fetch("https://x.test/", { method: "POST", body: { a: 1 } });', null, host));
    expect(error).toEqual({ kind: 'exception', message: expect.stringMatching(/^TypeError: fetch: the body must be a string.*\(line 1\)$/) });
    expect(requests).toEqual([]);
  });

  it('awaits several fetches at once', async () => {
    const { host } = recordingHost(async (request) => ({ status: 200, headers: {}, body: request.url.slice(-1) }));
    const code = 'const rs = await Promise.all(["a", "b", "c"].map((p) => fetch("https://x.test/" + p))); return Promise.all(rs.map((r) => r.text()));';
    expect(await run(code, null, host)).toMatchObject({ ok: true, output: ['a', 'b', 'c'] });
  });
});

describe('Run Code: no way out of the sandbox', () => {
  it('has no require, process, std/os modules or Node globals', async () => {
    const result = await run(
      'return [typeof require, typeof process, typeof globalThis.std, typeof globalThis.os, typeof module, typeof Buffer, typeof print, typeof scriptArgs, typeof setImmediate];',
    );
    expect(result).toMatchObject({ ok: true, output: Array(9).fill('undefined') });
  });

  it('cannot import modules or files', async () => {
    const code =
      'const out = []; for (const m of ["fs", "node:fs", "/etc/passwd", "std"]) { try { await import(m); out.push("loaded " + m); } catch (e) { out.push(e.name); } } return out;';
    expect(await run(code)).toMatchObject({ ok: true, output: ['ReferenceError', 'ReferenceError', 'ReferenceError', 'ReferenceError'] });
  });

  it('does not share globals or builtins between runs', async () => {
    await run('globalThis.leaked = input; Array.prototype.polluted = true; JSON.stringify = () => "hijacked"; return 1;', 'secret-1');
    const result = await run('return [typeof leaked, [].polluted === undefined, JSON.stringify({ a: 1 })];');
    expect(result).toMatchObject({ ok: true, output: ['undefined', true, '{"a":1}'] });
  });

  it('keeps working when the code redefines the sandbox’s own globals', async () => {
    const { host } = recordingHost(async () => ({ status: 200, headers: {}, body: '"ok"' }));
    const code = 'const f = fetch; JSON.parse = () => ({}); JSON.stringify = () => "{}"; console = null; return await (await f("https://x.test/")).json();';
    expect(await run(code, null, host)).toMatchObject({ ok: true, output: 'ok' });
  });
});

describe('Run Code: errors', () => {
  it('reports a syntax error with its message', async () => {
    expect(failure(await run('const x = ;'))).toEqual({ kind: 'exception', message: expect.stringMatching(/^SyntaxError: .+\(line 1\)$/) });
    expect(failure(await run('return (1 +'))).toEqual({ kind: 'exception', message: expect.stringMatching(/^SyntaxError: .+\(at the end of the code\)$/) });
  });

  it('reports a thrown error with its line', async () => {
    expect(failure(await run('const a = 1;\n\nthrow new RangeError("out of range");'))).toEqual({ kind: 'exception', message: 'RangeError: out of range (line 3)' });
    expect(failure(await run('const a = 1;\nreturn a.b.c;'))).toEqual({ kind: 'exception', message: "TypeError: cannot read property 'c' of undefined (line 2)" });
    expect(failure(await run('throw { code: 42 };'))).toEqual({ kind: 'exception', message: 'Uncaught {"code":42}' });
    expect(failure(await run('await Promise.reject("nope");'))).toEqual({ kind: 'exception', message: 'Uncaught nope' });
  });

  it('reports a return value that is not JSON as invalid-output', async () => {
    expect(failure(await run('return () => 1;'))).toEqual({ kind: 'invalid-output', message: 'The return value is not JSON-serializable: it contains a function' });
    expect(failure(await run('return { n: 1n };'))).toEqual({
      kind: 'invalid-output',
      message: 'The return value is not JSON-serializable: it contains a BigInt under the key "n"',
    });
    expect(failure(await run('return { deep: { s: Symbol("x") } };'))).toEqual({
      kind: 'invalid-output',
      message: 'The return value is not JSON-serializable: it contains a symbol under the key "s"',
    });
    const cyclic = failure(await run('const o = {}; o.o = o; return o;'));
    expect(cyclic.kind).toBe('invalid-output');
    expect(cyclic.message).toMatch(/^The return value is not JSON-serializable: .*circular/);
  });

  it('reports code waiting on a promise nothing can settle, without waiting for the deadline', async () => {
    const result = await run('await new Promise(() => {});', null, undefined, { timeoutMs: 5_000 });
    expect(failure(result)).toEqual({ kind: 'exception', message: 'The code is waiting for a promise that nothing can settle.' });
    expect(result.durationMs).toBeLessThan(5_000); // not the deadline
  });

  it('stops runaway recursion, in code and in the parser, and the next run works', async () => {
    expect(failure(await run('function f() { return f() + 1; }\nreturn f();'))).toEqual({ kind: 'exception', message: 'InternalError: stack overflow (line 1)' });
    const nested = failure(await run('return eval("(".repeat(100000) + "1" + ")".repeat(100000));'));
    expect(nested).toEqual({ kind: 'exception', message: expect.stringMatching(/^SyntaxError: stack overflow/) });
    expect(await run('return 1 + 1;')).toMatchObject({ ok: true, output: 2 });
  });
});

describe('Run Code: the pool', () => {
  it('runs more requests than workers, each with its own input, logs and output', async () => {
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => run('console.log("run", input); globalThis.mine = input; return [input, globalThis.mine];', i)));
    results.forEach((result, i) => expect(result).toMatchObject({ ok: true, output: [i, i], logs: [`run ${i}`] }));
  });
});

describe('Run Code: requests and closing', () => {
  it('refuses a pool without workers', () => {
    expect(() => createCodeSandbox({ poolSize: 0 })).toThrow(RangeError);
  });

  it('rejects requests a runner should never send', async () => {
    await expect(run('return 1', null, undefined, { memoryLimitBytes: 1024 * 1024 })).rejects.toThrow(RangeError);
    await expect(run('return 1', null, undefined, { timeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(run('return 1', { n: 1n })).rejects.toThrow(TypeError);
  });

  it('rejects running and queued runs when closed, and every run after', async () => {
    const own = createCodeSandbox({ poolSize: 1 });
    const { host } = recordingHost();
    const running = own.run({ code: 'while (true) {}', input: null, timeoutMs: 30_000 }, host);
    const queued = own.run({ code: 'return 1', input: null }, host);
    const outcomes = Promise.allSettled([running, queued]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await own.close();
    for (const outcome of await outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: new Error('The code sandbox was closed') });
    await expect(own.run({ code: 'return 1', input: null }, host)).rejects.toThrow('The code sandbox was closed');
  });
});
