import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeSandbox, type RunCodeResult } from '../../../electron/core/run-code/sandbox';
import { recordingHost } from './hosts';

const MiB = 1024 * 1024;
// Wide, so "stopped by the engine, not the backstop" holds on a busy machine too.
const GRACE_MS = 5_000;
// One worker, so every run after a stopped one lands where the damage would be.
const sandbox = createCodeSandbox({ poolSize: 1, backstopGraceMs: GRACE_MS });
afterAll(() => sandbox.close());

const run = (code: string, limits: { timeoutMs?: number; memoryLimitBytes?: number } = {}, host = recordingHost().host) => sandbox.run({ code, input: { n: 41 }, ...limits }, host);

async function expectHealthy(): Promise<void> {
  expect(await run('return input.n + 1;')).toMatchObject({ ok: true, output: 42 });
}

// Timings below are about stopping code, not about starting the thread and engine.
beforeAll(expectHealthy);

function errorOf(result: RunCodeResult) {
  return result.ok ? undefined : result.error;
}

describe('Run Code deadline', () => {
  it('stops an infinite loop at a short deadline; the next run works', async () => {
    const result = await run('while (true) {}', { timeoutMs: 200 });
    expect(errorOf(result)).toEqual({ kind: 'timeout', message: 'Stopped: the code did not finish within its time limit of 200 ms.' });
    expect(result.durationMs).toBeGreaterThanOrEqual(200);
    expect(result.durationMs).toBeLessThan(200 + GRACE_MS); // the engine's own check, not the backstop
    await expectHealthy();
  });

  it('cannot be caught by the code', async () => {
    const result = await run('for (;;) { try { while (true) {} } catch (e) { console.log("caught", e); } }', { timeoutMs: 200 });
    expect(errorOf(result)?.kind).toBe('timeout');
    expect(result.logs).toEqual([]);
    await expectHealthy();
  });

  it('kills the worker when a slow native call starves the engine’s check; the next run works', async () => {
    // Each repeat is a single long native call, so QuickJS polls its interrupt handler far too
    // rarely: only the backstop (deadline + grace) stops this.
    const result = await run('while (true) "x".repeat(1e6);', { timeoutMs: 200 });
    expect(errorOf(result)?.kind).toBe('timeout');
    expect(result.durationMs).toBeGreaterThanOrEqual(200 + GRACE_MS);
    await expectHealthy();
  });

  it('stops code waiting on a fetch at the deadline and aborts the host’s request', async () => {
    const { host, signals } = recordingHost(() => new Promise(() => {}));
    const result = await run('await fetch("https://slow.test/");', { timeoutMs: 300 }, host);
    expect(errorOf(result)?.kind).toBe('timeout');
    expect(result.durationMs).toBeLessThan(300 + GRACE_MS);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    await expectHealthy();
  });
});

describe('Run Code memory limit', () => {
  it('stops a memory bomb at a small limit; the next run works', async () => {
    const result = await run("let a = []; while (true) a.push('x'.repeat(1e6));", { memoryLimitBytes: 16 * MiB });
    expect(errorOf(result)).toEqual({ kind: 'memory', message: 'Stopped: the code needed more than its memory limit of 16 MiB.' });
    await expectHealthy();
    await expect(run("let a = []; while (true) a.push('x'.repeat(1e6));", { memoryLimitBytes: 16 * MiB })).resolves.toMatchObject({
      error: { kind: 'memory' },
    });
  });

  it('counts many small allocations too, not only big ones', async () => {
    const result = await run('const a = []; while (true) a.push({ n: a.length, s: "v" + a.length });', { memoryLimitBytes: 16 * MiB });
    expect(errorOf(result)?.kind).toBe('memory');
    await expectHealthy();
  });

  it('stops a single allocation beyond the limit', async () => {
    for (const code of ['return "x".repeat(64 * 1024 * 1024).length;', 'return new Uint8Array(64 * 1024 * 1024).length;']) {
      expect(errorOf(await run(code, { memoryLimitBytes: 16 * MiB }))?.kind).toBe('memory');
    }
  });

  it('lets code that recovers from running out of memory finish', async () => {
    const code = 'let a = []; try { while (true) a.push("y".repeat(1e6)); } catch { a = null; } return "recovered";';
    expect(await run(code, { memoryLimitBytes: 16 * MiB })).toMatchObject({ ok: true, output: 'recovered' });
  });

  it('gives a run as much memory as its limit allows', async () => {
    const code = 'const a = []; for (let i = 0; i < 40; i++) a.push("z".repeat(1e6) + i); return a.length;';
    expect(errorOf(await run(code, { memoryLimitBytes: 16 * MiB }))?.kind).toBe('memory');
    expect(await run(code, { memoryLimitBytes: 64 * MiB })).toMatchObject({ ok: true, output: 40 });
  });
});
