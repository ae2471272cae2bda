import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { secretVariants } from '../../electron/core/redaction/secret-variants';

/** A value unlikely to appear by chance, with characters that encode differently in each scheme. */
export function canaryValue(label: string): string {
  return `kf-canary-${label}-${Math.random().toString(36).slice(2, 10)}/+&"<é`;
}

/** Which of the value's forms (raw and encoded) occur in the text; [] when none. */
export function leakedForms(text: string | Buffer, value: string): string[] {
  const haystack = typeof text === 'string' ? text : text.toString('latin1') + '\n' + text.toString('utf8');
  return secretVariants(value).filter((variant) => haystack.includes(variant));
}

/** Every file under a directory (the database, its WAL and shared memory, logs), with any of the value's forms it holds. */
export function leaksInFiles(dir: string, value: string): { file: string; forms: string[] }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((file) => ({ file, forms: leakedForms(readFileSync(file), value) }))
    .filter((hit) => hit.forms.length > 0);
}
