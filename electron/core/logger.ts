import { appendFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { privateDir, PRIVATE_FILE_MODE } from './private-files';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The log rolls over to keyflow.log.1 (then .2, .3) at this size; older files are dropped. */
export const LOG_ROTATE_BYTES = 5 * 1024 * 1024;
export const LOG_KEEP_FILES = 3;
/** The same message at most this often per window; the rest are counted and summed up once. */
export const LOG_REPEATS_PER_WINDOW = 5;
export const LOG_WINDOW_MS = 60_000;

/**
 * Appends timestamped lines to one log file (0600, in a 0700 folder). Callers pass only
 * messages they wrote: never request payloads, never values. Errors are logged by stack
 * frames, without their message, because a message can quote input. A message repeated
 * more than LOG_REPEATS_PER_WINDOW times a minute is summed up instead of written, so a
 * flood of bad requests can't fill the disk; and the file rotates.
 */
export function fileLogger(file: string, options: { debug?: boolean; echo?: boolean; now?: () => number; rotateBytes?: number } = {}): Logger {
  privateDir(dirname(file));
  const now = options.now ?? Date.now;
  const rotateBytes = options.rotateBytes ?? LOG_ROTATE_BYTES;
  let size = existsSync(file) ? statSync(file).size : 0;
  const repeats = new Map<string, { windowStart: number; count: number }>();

  const rotate = () => {
    for (let n = LOG_KEEP_FILES - 1; n >= 1; n--) if (existsSync(`${file}.${n}`)) renameSync(`${file}.${n}`, `${file}.${n + 1}`);
    renameSync(file, `${file}.1`);
    size = 0;
  };
  const append = (level: string, message: string) => {
    const line = `${new Date(now()).toISOString()} ${level} ${message}\n`;
    if (size > 0 && size + line.length > rotateBytes) rotate();
    appendFileSync(file, line, { mode: PRIVATE_FILE_MODE });
    size += Buffer.byteLength(line);
    if (options.echo) process.stderr.write(line);
  };
  const write = (level: string, message: string, key = message) => {
    const at = now();
    let seen = repeats.get(key);
    if (!seen || at - seen.windowStart >= LOG_WINDOW_MS) {
      const suppressed = seen ? seen.count - LOG_REPEATS_PER_WINDOW : 0;
      if (suppressed > 0) append('INFO', `(${suppressed} more like this were not logged: ${key})`);
      if (repeats.size > 1000) repeats.clear();
      repeats.set(key, (seen = { windowStart: at, count: 0 }));
    }
    if (++seen.count <= LOG_REPEATS_PER_WINDOW) append(level, message);
  };
  return {
    debug: (message) => options.debug && write('DEBUG', message),
    info: (message) => write('INFO', message),
    error: (message, error) => {
      const frames = error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 6).join('\n') : '';
      write('ERROR', frames ? `${message}\n${frames}` : message, message);
    },
  };
}
