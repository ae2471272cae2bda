/** What kind of import a file is, told from its name and content (the command line's default for --format). */
import type { ImportFormat } from '../../../shared/model/imports';

export function sniffFormat(text: string, fileName: string | null): ImportFormat | null {
  const base = fileName?.split(/[\\/]/).pop() ?? '';
  if (/^\.env(\..+)?$|\.env$/.test(base)) return 'env';
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const data = JSON.parse(trimmed) as Record<string, unknown>;
      if ('openapi' in data || 'swagger' in data) return 'openapi';
      if ('item' in data || 'info' in data || '_postman_variable_scope' in data || 'values' in data || 'requests' in data) return 'postman';
    } catch {
      return null;
    }
    return null;
  }
  if (/^\s*(?:openapi|swagger)\s*:/m.test(text)) return 'openapi';
  if (/^\s*(?:[$>]\s+)?curl\b/m.test(text)) return 'curl';
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (lines.length > 0 && lines.every((line) => /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/.test(line))) return 'env';
  return null;
}
