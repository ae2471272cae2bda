/** .env files, read by dotenv's own parser: every entry is a variable; the plan decides which are credentials. */
import { parse } from 'dotenv';
import type { ImportSource } from '../../../../shared/model/imports';
import type { DraftImport } from '../draft';
import { importError } from '../import-error';
import { describeSource } from '../source';

export function importEnv(source: ImportSource): DraftImport {
  const entries = Object.entries(parse(source.text));
  if (entries.length === 0) throw importError(`${describeSource(source)} has no NAME=value lines.`);
  return {
    title: source.fileName ?? '.env',
    workflows: [],
    variables: entries.map(([name, value]) => ({ name, value, markedSecret: false, origin: '.env' })),
    notImported: [],
    warnings: [],
  };
}
