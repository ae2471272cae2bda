/**
 * With KEYFLOW_BENCH_PROFILE=<folder>, a measured step also writes a V8 CPU profile of just
 * that step there (`<name>.cpuprofile`, for Chrome DevTools or speedscope); otherwise it only runs it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const folder = process.env.KEYFLOW_BENCH_PROFILE;
  if (!folder) return fn();
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const result = await fn();
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    return result;
  } finally {
    session.disconnect();
  }
}
