/** The checks every source passes before a parser sees it: size, text, and the right kind of file. */
import { IMPORT_FORMAT_LABELS, sizeProblem, type ImportSource } from '../../../shared/model/imports';
import { importError } from './import-error';

/** A file's bytes as text: UTF-8 (a BOM dropped), refused when binary. */
export function decodeImportFile(bytes: Uint8Array, name: string): string {
  const problem = sizeProblem(bytes.length, `“${name}”`);
  if (problem) throw importError(problem);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw importError(`“${name}” is not a text file (it is not UTF-8): choose the exported .json, .yaml or .env file.`);
  }
  return text;
}

export function describeSource(source: ImportSource): string {
  return source.fileName ? `“${source.fileName}”` : `The pasted ${IMPORT_FORMAT_LABELS[source.format]}`;
}

/** Refuses what no parser should see: too large, binary, empty. */
export function checkSource(source: ImportSource): void {
  const name = describeSource(source);
  const problem = sizeProblem(Buffer.byteLength(source.text, 'utf8'), name);
  if (problem) throw importError(problem);
  if (source.text.includes('\u0000')) throw importError(`${name} is a binary file, not a ${IMPORT_FORMAT_LABELS[source.format]}.`);
  if (source.text.trim() === '') throw importError(`${name} is empty.`);
}

/** The text as JSON, or a refusal naming where it stops being JSON (never quoting it). */
export function parseJsonSource(source: ImportSource, what: string): unknown {
  try {
    return JSON.parse(source.text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const where = position ? ` (${lineAndColumn(source.text, Number(position[1]))})` : '';
    throw importError(`${describeSource(source)} is not valid JSON${where}, so it can't be a ${what}.`);
  }
}

export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}
