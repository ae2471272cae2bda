import type { SecretMeta } from '../../../../shared/model/secret';
import type { Template } from '../../../../shared/model/template';
import type { Step } from '../../../../shared/model/workflow';
import type { Variable } from '../../../../shared/model/environment';

export interface Names {
  secrets: ReadonlyMap<string, SecretMeta>;
  /** Keys that exist but are restricted from this person. */
  restricted: ReadonlySet<string>;
  /** The names deleted keys had. */
  deleted: ReadonlyMap<string, string>;
  variables: ReadonlyMap<string, Variable>;
  steps: readonly Step[];
}

/** How a reference to a deleted key reads: its name when the trail kept it. */
export function deletedKeyText(name: string | undefined): string {
  return name ? `${name} (deleted)` : 'Deleted key';
}

/** A template as one line of text for summaries: secrets and outputs by name in brackets, never a value. */
export function templateSummary(template: Template, names: Names): string {
  return template
    .map((segment) => {
      if (segment.kind === 'text') return segment.text;
      if (segment.kind === 'secret') {
        return `[${names.secrets.get(segment.secretId)?.name ?? (names.restricted.has(segment.secretId) ? 'Restricted key' : deletedKeyText(names.deleted.get(segment.secretId)))}]`;
      }
      if (segment.kind === 'variable') return `{${names.variables.get(segment.variableId)?.name ?? 'Deleted variable'}}`;
      const step = names.steps.find((candidate) => candidate.id === segment.stepId);
      return `[${step?.name ?? 'Deleted step'}${segment.path ? ` › ${segment.path}` : ''}]`;
    })
    .join('');
}
