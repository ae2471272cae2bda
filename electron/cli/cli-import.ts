/**
 * `keyflow import` and `keyflow scan`: the import of a file through the same preview and
 * commit as the app, and the Security check — of the workspace, or of files with no vault
 * at all (for CI). What they print names credentials by kind and their last characters at
 * most, never a value.
 */
import { readFileSync } from 'node:fs';
import type { ImportDecisions, ImportFormat, ImportOutcome, ImportPreview, ImportSource, SecurityFinding } from '../../shared/model/imports';
import { detectCredentials } from '../../shared/detection/detect';
import { ruleInfo } from '../../shared/detection/rules';
import { valueHint } from '../../shared/model/team';
import { BridgeError } from '../../shared/bridge/errors';
import { decodeImportFile, lineAndColumn } from '../core/imports/source';
import { sniffFormat } from '../core/imports/sniff';
import { planOf } from '../core/imports/import-source';
import { EMPTY_WORKSPACE } from '../core/imports/plan';
import { UsageError } from './cli-args';

export async function readSource(file: string, format: ImportFormat | null, readStdin: () => Promise<Buffer>): Promise<ImportSource> {
  const name = file === '-' ? 'standard input' : file;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStdin() : readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `there is no file ${file}.` : code === 'EISDIR' ? `${file} is a folder, not a file.` : `${file} can’t be read (${code ?? 'error'}).`);
  }
  let text: string;
  try {
    text = decodeImportFile(bytes, name);
  } catch (error) {
    throw new UsageError(error instanceof BridgeError ? error.message.replace(/\.$/, '') : String(error));
  }
  const chosen = format ?? sniffFormat(text, file === '-' ? null : file);
  if (!chosen) throw new UsageError(`can’t tell what ${name} is: pass --format curl, postman, openapi or env.`);
  return { format: chosen, text, fileName: file === '-' ? undefined : file.split(/[\\/]/).pop() };
}

const hinted = (ruleName: string, hint: string | null) => (hint ? `${ruleName} ending in ${hint}` : ruleName);

/** The preview, as people read it (standard error); `environment` is --env when given. */
export function previewText(preview: ImportPreview, plain: readonly string[], environment: string | null): string {
  const lines: string[] = [`${preview.title}:`];
  const into = environment ?? preview.environment?.name;
  if (preview.environment) lines.push(`  values go to the environment ${into}${environment === null && preview.environment.id === null ? ' (new)' : ''}`);
  for (const workflow of preview.workflows) lines.push(`  workflow “${workflow.name}”: ${workflow.steps.length} step${workflow.steps.length === 1 ? '' : 's'}`);
  for (const credential of preview.credentials) {
    const as = plain.includes(credential.id)
      ? 'kept as plain text'
      : credential.existingKey
        ? `→ the value of key “${credential.existingKey.name}” in ${into}`
        : `→ key “${credential.proposedName}”${credential.proposedDomains.length > 0 ? ` (allowed: ${credential.proposedDomains.join(', ')})` : ''}`;
    lines.push(`  ${credential.id}  ${hinted(credential.ruleName, credential.hint)} ${as}`);
    for (const place of credential.places.slice(0, 3)) lines.push(`        in ${place}`);
    if (credential.places.length > 3) lines.push(`        and ${credential.places.length - 3} more places`);
  }
  for (const variable of preview.variables) {
    if (variable.becomes !== 'variable') continue;
    lines.push(`  variable ${variable.name}${variable.existing ? '' : ' (new)'}${variable.value === null ? '' : ` = ${variable.value}`}`);
  }
  for (const item of preview.notImported) lines.push(`  not imported: ${item.what}: ${item.why}`);
  for (const warning of preview.warnings) lines.push(`  note: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** Every credential as proposed (a key, or an existing key's value) but those --plain names; values into --env (by name: made when new). */
export function decisionsFor(preview: ImportPreview, plain: readonly string[], environment: string | null): ImportDecisions {
  for (const id of plain)
    if (!preview.credentials.some((credential) => credential.id === id)) throw new UsageError(`--plain ${id}: the import found no credential ${id} (see the list above).`);
  return {
    credentials: preview.credentials.map((credential) => (plain.includes(credential.id) ? { id: credential.id, action: 'plain' } : { id: credential.id, action: 'key' })),
    ...(environment === null ? {} : { environment: { name: environment } }),
  };
}

export function outcomeText(outcome: ImportOutcome): string {
  const into = outcome.environment ? ` in ${outcome.environment.name}` : '';
  const lines = [
    ...outcome.workflows.map((workflow) => `workflow  ${workflow.name}  ${workflow.id}`),
    ...outcome.keys.map((key) => `key       ${key.name}  ${key.id}`),
    ...outcome.keyValues.map((key) => `value     ${key.name}${into}  ${key.id}`),
    ...outcome.variables.map((variable) => `variable  ${variable.name}  ${variable.id}`),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export interface ScanHit {
  where: string;
  what: string;
  /** Kept as plain text on purpose: listed, not counted as a failure. */
  kept: boolean;
}

export function workspaceHits(findings: readonly SecurityFinding[]): ScanHit[] {
  return findings.flatMap((finding) =>
    finding.kind === 'literal'
      ? finding.places.map((place) => ({
          where: `${place.workflowName} › ${place.stepName} › ${place.fieldLabel}`,
          what: hinted(finding.ruleName, finding.hint),
          kept: place.keptAsPlainText,
        }))
      : finding.environments.map((environment) => ({ where: `variable ${finding.variableName} › ${environment.name}`, what: hinted(finding.ruleName, finding.hint), kept: false })),
  );
}

/** Files, with no vault: importable ones through the import's own reading (so positions are named as the app names them), others as text. */
export async function fileHits(files: readonly string[], format: ImportFormat | null): Promise<ScanHit[]> {
  const hits: ScanHit[] = [];
  for (const file of files) {
    const bytes = (() => {
      try {
        return readFileSync(file);
      } catch (error) {
        throw new UsageError(`${file} can’t be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      }
    })();
    let text: string;
    try {
      text = decodeImportFile(bytes, file);
    } catch (error) {
      throw new UsageError(error instanceof BridgeError ? error.message.replace(/\.$/, '') : String(error));
    }
    const chosen = format ?? sniffFormat(text, file);
    if (chosen) {
      try {
        const plan = await planOf({ format: chosen, text, fileName: file }, EMPTY_WORKSPACE);
        for (const credential of plan.preview.credentials) {
          for (const place of credential.places) hits.push({ where: `${file}: ${place}`, what: hinted(credential.ruleName, credential.hint), kept: false });
        }
        continue;
      } catch {
        // Not readable as that format after all: look at it as text.
      }
    }
    for (const detection of detectCredentials(text, { kind: 'text' })) {
      const value = text.slice(detection.start, detection.end);
      hits.push({
        where: `${file}:${lineAndColumn(text, detection.start).replace('line ', '').replace(', column ', ':')}`,
        what: hinted(ruleInfo(detection.ruleId).name, valueHint(value, 'masked')),
        kept: false,
      });
    }
  }
  return hits;
}

export function hitsText(hits: readonly ScanHit[]): string {
  if (hits.length === 0) return 'No credentials in plain text.\n';
  return `${hits.map((hit) => `${hit.where}: ${hit.what}${hit.kept ? ' (kept as plain text)' : ''}`).join('\n')}\n`;
}
