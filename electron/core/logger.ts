import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * Appends timestamped lines to one log file. Callers pass only messages they wrote:
 * never request payloads, never values. Errors are logged by stack frames, without their
 * message, because a message can quote input.
 */
export function fileLogger(file: string, options: { debug?: boolean; echo?: boolean } = {}): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const write = (level: string, message: string) => {
    const line = `${new Date().toISOString()} ${level} ${message}\n`;
    appendFileSync(file, line);
    if (options.echo) process.stderr.write(line);
  };
  return {
    debug: (message) => options.debug && write('DEBUG', message),
    info: (message) => write('INFO', message),
    error: (message, error) => {
      const frames = error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 6).join('\n') : '';
      write('ERROR', frames ? `${message}\n${frames}` : message);
    },
  };
}
