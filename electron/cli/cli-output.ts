/** What the command line prints: plain tables for people, JSON with --json. */
import type { Run, StepResult } from '../../shared/model/run';
import type { SecretMeta } from '../../shared/model/secret';
import type { WorkspaceSummary } from '../../shared/model/team';
import { ROLE_LABELS } from '../../shared/model/team';
import type { WorkflowSummary } from '../../shared/model/workflow';
import type { EnvironmentsView } from '../../shared/model/environment';
import type { RestoreChanges, RestorePreview, RestoreResult } from '../../shared/model/backup';
import { rotationLabel, rotationState, type RotationState } from '../../shared/model/rotation';

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

const date = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : 'never');

export function workflowTable(workflows: readonly WorkflowSummary[]): string {
  if (workflows.length === 0) return '';
  return table(
    ['NAME', 'STEPS', 'LAST RUN', 'ID'],
    workflows.map((w) => [
      w.brokenReferences > 0 ? `${w.name} (needs reconfiguration)` : w.name,
      String(w.stepCount),
      w.lastRun ? `${w.lastRun.status} ${date(w.lastRun.at)}` : 'never',
      w.id,
    ]),
  );
}

export function keyTable(keys: readonly SecretMeta[], team: boolean): string {
  if (keys.length === 0) return '';
  const access = (key: SecretMeta) => (key.access.kind === 'team' ? 'Team' : 'Restricted');
  return table(
    ['NAME', 'TYPE', ...(team ? ['ACCESS'] : []), 'USED BY', 'LAST USED', 'ID'],
    keys.map((key) => [key.name, key.type, ...(team ? [access(key)] : []), `${key.usedBy} workflow${key.usedBy === 1 ? '' : 's'}`, date(key.lastUsedAt), key.id]),
  );
}

/** The keys due within `withinDays` and those overdue, soonest first. */
export function dueKeys(keys: readonly SecretMeta[], now: Date, withinDays: number): { key: SecretMeta; state: RotationState }[] {
  return keys
    .flatMap((key) => {
      const state = rotationState(key, now, withinDays);
      return state && state.status !== 'ok' ? [{ key, state }] : [];
    })
    .sort((a, b) => a.state.dueAt.localeCompare(b.state.dueAt));
}

export function dueKeyTable(due: ReturnType<typeof dueKeys>, now: Date): string {
  if (due.length === 0) return '';
  return table(
    ['NAME', 'STATUS', 'DUE', 'WHY', 'ID'],
    due.map(({ key, state }) => [key.name, rotationLabel(state, now), date(state.dueAt), state.reason === 'expiry' ? 'expiry date' : `every ${key.rotationDays} days`, key.id]),
  );
}

export function environmentTable(view: EnvironmentsView): string {
  return table(
    ['NAME', 'PROTECTED', 'YOU MAY RUN', 'VARIABLES', 'ID'],
    view.environments.map((environment) => [
      environment.name,
      environment.protected ? 'yes (--confirm)' : 'no',
      environment.canRun ? 'yes' : 'no',
      String(view.variables.filter((variable) => variable.values[environment.id] !== undefined).length),
      environment.id,
    ]),
  );
}

export function workspaceTable(workspaces: readonly WorkspaceSummary[]): string {
  return table(
    ['NAME', 'KIND', 'ROLE', 'ID'],
    workspaces.map((w) => [`${w.name}${w.active ? ' (last open)' : ''}`, w.kind, ROLE_LABELS[w.myRole], w.id]),
  );
}

const SYMBOL: Record<StepResult['status'], string> = { pending: '·', running: '▶', ok: '✓', failed: '✗', cancelled: '■', skipped: '–' };

/** Prints each step's progress once per status change (to standard error). */
export function progressPrinter(write: (text: string) => void): (run: Run) => void {
  const seen = new Map<string, StepResult['status']>();
  return (run) => {
    run.steps.forEach((step, index) => {
      if (seen.get(step.stepId) === step.status || step.status === 'pending') return;
      seen.set(step.stepId, step.status);
      const timing = step.durationMs === null ? '' : ` (${step.durationMs} ms)`;
      const detail = step.error ? `: ${step.error.message}` : '';
      write(`${SYMBOL[step.status]} Step ${index + 1} “${step.stepName}” ${step.status}${timing}${detail}\n`);
    });
  };
}

/** The result of a run on standard output: the whole run with --json, else the last step's output (nothing when it failed). */
export function runResult(run: Run, json: boolean): string {
  if (json) return `${JSON.stringify(run, null, 2)}\n`;
  if (run.status !== 'ok') return '';
  const last = run.steps.at(-1);
  if (!last || last.output === undefined) return '';
  return `${JSON.stringify(last.output, null, 2)}\n`;
}

function changesLine(label: string, changes: RestoreChanges): string {
  const names = (list: string[], total: number) => (list.length ? `: ${list.join(', ')}${total > list.length ? `, and ${total - list.length} more` : ''}` : '');
  return [
    `${label}: ${changes.added} added, ${changes.replaced} replaced, ${changes.unchanged} unchanged`,
    ...(changes.added ? [`  added${names(changes.addedNames, changes.added)}`] : []),
    ...(changes.replaced ? [`  replaced${names(changes.replacedNames, changes.replaced)}`] : []),
  ].join('\n');
}

/** What restoring a backup would change (names, never values). */
export function restorePreviewText(preview: RestorePreview, dryRun: boolean): string {
  const lines = [
    `Backup of "${preview.backup.workspaceName}" (${preview.backup.workspaceKind}) made ${date(preview.backup.createdAt)}, into "${preview.into.name}":`,
    changesLine('Keys', preview.keys),
    changesLine('Environments', preview.environments),
    changesLine('Variables', preview.variables),
    changesLine('Workflows', preview.workflows),
    ...(preview.runs ? [changesLine('Runs', preview.runs)] : []),
    ...preview.renamed.map((r) => `Renamed: ${r.kind} "${r.from}" becomes "${r.to}" (the name is taken here).`),
  ];
  if (dryRun) lines.push('Nothing was changed (--dry-run).');
  return `${lines.join('\n')}\n`;
}

export function restoreResultText(result: RestoreResult, into: string): string {
  return `Restored into "${into}": ${result.keys} keys, ${result.environments} environments, ${result.variables} variables, ${result.workflows} workflows, ${result.runs} runs added or replaced.\n`;
}
