/** The log can't be flooded and doesn't grow without end (issue 10, finding 13). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLogger, LOG_KEEP_FILES, LOG_REPEATS_PER_WINDOW, LOG_WINDOW_MS } from '../../../electron/core/logger';
import { tempDir } from '../../support/host-process';

describe('file logger', () => {
  it('writes a repeated message a few times a minute, then sums up the rest', () => {
    const file = join(tempDir('log'), 'logs', 'keyflow.log');
    let clock = 0;
    const logger = fileLogger(file, { now: () => clock });
    for (let i = 0; i < 500; i++) logger.error('host: POST request failed (URIError)', new Error('with a stack'));
    clock += LOG_WINDOW_MS;
    logger.error('host: POST request failed (URIError)');
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^\d{4}-/.test(line));
    expect(lines.filter((line) => line.includes('ERROR host: POST request failed'))).toHaveLength(LOG_REPEATS_PER_WINDOW + 1);
    expect(lines.some((line) => line.includes(`(${500 - LOG_REPEATS_PER_WINDOW} more like this were not logged`))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it(`rotates at its size, keeping ${LOG_KEEP_FILES} older files`, () => {
    const file = join(tempDir('log'), 'keyflow.log');
    const logger = fileLogger(file, { rotateBytes: 2_000 });
    for (let i = 0; i < 400; i++) logger.info(`message number ${i} of a long and steady stream`);
    expect(statSync(file).size).toBeLessThanOrEqual(2_000);
    for (let n = 1; n <= LOG_KEEP_FILES; n++) expect(existsSync(`${file}.${n}`)).toBe(true);
    expect(existsSync(`${file}.${LOG_KEEP_FILES + 1}`)).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('message number 399');
  });
});
