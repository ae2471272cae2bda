/** The standard helpers code expects, in the Run Code sandbox. */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { createCodeSandbox } from '../../../electron/core/run-code/sandbox';
import { recordingHost } from './hosts';

const sandbox = createCodeSandbox({ poolSize: 1 });
afterAll(() => sandbox.close());
const run = async (code: string, timeoutMs = 5_000) => {
  const result = await sandbox.run({ code, input: null, timeoutMs }, recordingHost().host);
  if (!result.ok) throw new Error(result.error.message);
  return result.output;
};

describe('Run Code helpers', () => {
  it('atob and btoa, as browsers do', async () => {
    expect(await run('return [btoa("héllo\\u00ff"), atob("aOlsbG//"), atob(" aGk= ")];')).toEqual([
      Buffer.from('héllo\u00ff', 'latin1').toString('base64'),
      Buffer.from('aOlsbG//', 'base64').toString('latin1'),
      'hi',
    ]);
    expect(await run('try { btoa("☃"); } catch (e) { return e.name; }')).toBe('InvalidCharacterError');
    expect(await run('try { atob("a"); } catch (e) { return e.name; }')).toBe('InvalidCharacterError');
  });

  it('TextEncoder and TextDecoder (UTF-8)', async () => {
    expect(await run('return [...new TextEncoder().encode("é😀\\ud800")];')).toEqual([...Buffer.from('é😀\ufffd')]);
    expect(await run('return new TextDecoder().decode(new Uint8Array([0xef,0xbb,0xbf,0x68,0xc3,0xa9,0xff]));')).toBe('hé\ufffd');
    expect(await run('try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xc3])); } catch (e) { return e.name; }')).toBe('TypeError');
  });

  it('URL and URLSearchParams, parsed by the URL standard', async () => {
    const output = await run(`
      const url = new URL("../b?x=1#h", "https://user:p@ss@Example.com:443/a/c");
      url.searchParams.append("q", "a b&c");
      url.pathname = "/a b{c}";
      const params = new URLSearchParams({ k: "v w", "é": "1" });
      return [url.href, url.host, url.origin, url.searchParams.get("x"), params.toString(), URL.canParse("nope"), [...new URLSearchParams("a=1&a=2&b")].length];`);
    const url = new URL('../b?x=1#h', 'https://user:p@ss@Example.com:443/a/c');
    url.searchParams.append('q', 'a b&c');
    url.pathname = '/a b{c}';
    expect(output).toEqual([url.href, url.host, url.origin, '1', new URLSearchParams({ k: 'v w', é: '1' }).toString(), false, 3]);
  });

  it('setTimeout and setInterval within the deadline; a timer past it stops the run', async () => {
    expect(
      await run(
        'const order = []; setTimeout(() => order.push("b"), 20); setTimeout(() => order.push("a"), 5); let n = 0; const i = setInterval(() => { if (++n === 3) clearInterval(i); }, 2); await new Promise((r) => setTimeout(r, 60)); queueMicrotask(() => order.push("m")); await null; return [order, n];',
      ),
    ).toEqual([['a', 'b', 'm'], 3]);
    const late = await sandbox.run({ code: 'await new Promise((r) => setTimeout(r, 10000)); return 1;', input: null, timeoutMs: 300 }, recordingHost().host);
    expect(late).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    const thrown = await sandbox.run(
      { code: 'setTimeout(() => { throw new Error("in a timer"); }, 1); await new Promise((r) => setTimeout(r, 50));', input: null },
      recordingHost().host,
    );
    expect(thrown).toMatchObject({ ok: false, error: { kind: 'exception', message: 'Error: in a timer (line 1)' } });
  });

  it('crypto: randomUUID, getRandomValues, digests and HMAC', async () => {
    const [uuid, random, sha256, sha1, hmac, verified] = (await run(`
      const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
      const data = new TextEncoder().encode("hello");
      const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("key"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
      const signature = await crypto.subtle.sign("HMAC", key, data);
      return [crypto.randomUUID(), crypto.getRandomValues(new Uint8Array(16)).length, hex(await crypto.subtle.digest("SHA-256", data)), hex(await crypto.subtle.digest({ name: "SHA-1" }, data)), hex(signature), await crypto.subtle.verify("HMAC", key, signature, data)];`)) as [
      string,
      number,
      string,
      string,
      string,
      boolean,
    ];
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(random).toBe(16);
    expect(sha256).toBe(createHash('sha256').update('hello').digest('hex'));
    expect(sha1).toBe(createHash('sha1').update('hello').digest('hex'));
    expect(hmac).toBe(createHmac('sha256', 'key').update('hello').digest('hex'));
    expect(verified).toBe(true);
  });

  it('tells the host when a watched input is first read, once', async () => {
    const reads: string[] = [];
    const { host } = recordingHost();
    const result = await sandbox.run(
      {
        code: 'const a = input.steps.s1; const b = input.steps.s1; JSON.stringify(input); return input.plain;',
        input: { token: 't', plain: 1, steps: { s1: { x: 1 }, s2: 2 } },
        watched: ['token', 'steps.s1'],
      },
      { ...host, read: (path) => reads.push(path) },
    );
    expect(result).toMatchObject({ ok: true, output: 1 });
    expect(reads).toEqual(['steps.s1', 'token']);
  });
});
