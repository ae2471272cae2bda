/**
 * Which value of each key and variable a run uses: the one of the environment it runs in.
 * Before anything is sent, every key the workflow uses that this person may use must have a
 * value there, and every variable a text; a linked key's value is read from its external
 * source now, once per key per run, and kept in memory for this run only (never stored).
 * Stored values are decrypted when a step first needs them, once per run.
 */
import type { SecretMeta } from '../../../shared/model/secret';
import type { Variable } from '../../../shared/model/environment';
import { PROVIDER_LABELS, type SourceReference } from '../../../shared/model/source';
import { secretIdsIn, variableIdsIn } from '../../../shared/model/template';
import { templatesOf, type Workflow } from '../../../shared/model/workflow';
import type { MaskableSecret } from '../redaction/redactor';
import { StepError } from './run-error';
import { rotationState } from '../../../shared/model/rotation';

/** The environment a run runs in. */
export interface RunEnvironment {
  id: string;
  name: string;
}

export interface RunValueSources {
  /** Metadata of the keys with these ids that still exist (rights included). */
  secrets(ids: readonly string[]): ReadonlyMap<string, SecretMeta>;
  /** A key's stored value in an environment (main process only). */
  reveal(secretId: string, environmentId: string): string;
  variables(): readonly Variable[];
  /** Reads a linked value from its source; rejects with a message naming the provider and the reason (never a value). */
  fetch(source: SourceReference, signal: AbortSignal): Promise<string>;
  /** The workspace refuses runs with keys past their expiry or rotation date. */
  refuseExpired(): boolean;
  now(): Date;
}

/** The step the run stops at before sending anything, and why. */
export interface RunValuesProblem {
  index: number;
  error: StepError;
}

export class RunValues {
  private readonly stored = new Map<string, string>();
  private readonly linked = new Map<string, { name: string; value: string }>();
  private variableTexts = new Map<string, Variable>();
  private metas: ReadonlyMap<string, SecretMeta> = new Map();

  constructor(
    readonly environment: RunEnvironment,
    private readonly sources: RunValueSources,
  ) {}

  /** Checks every step and reads every linked value; returns the first problem (nothing was sent), or null. */
  async prepare(workflow: Workflow, signal: AbortSignal): Promise<RunValuesProblem | null> {
    const fields = workflow.steps.flatMap((step, index) => templatesOf(step).map(({ field, template }) => ({ step, index, field, template })));
    this.metas = this.sources.secrets(fields.flatMap(({ template }) => secretIdsIn(template)));
    this.variableTexts = new Map(this.sources.variables().map((variable) => [variable.id, variable]));
    const where = this.environment.name;
    const refuseExpired = this.sources.refuseExpired();
    const now = this.sources.now();
    const toFetch = new Map<string, { source: SourceReference; at: (typeof fields)[number] }>();
    for (const at of fields) {
      const { step, index, field, template } = at;
      const refuse = (message: string) => ({ index, error: StepError.inField(step, index, field, `${message} Nothing was sent.`) });
      for (const variableId of variableIdsIn(template)) {
        const variable = this.variableTexts.get(variableId);
        if (!variable) return refuse('the variable it uses was deleted. Insert another.');
        if (variable.values[this.environment.id] === undefined) {
          return refuse(`the variable “${variable.name}” has no value in ${where}. Give it one (Environments), or run in another environment.`);
        }
      }
      for (const secretId of secretIdsIn(template)) {
        const secret = this.metas.get(secretId);
        // A key that is gone, or that this person may not use, fails at its step as before (with the reason).
        if (!secret?.rights.use) continue;
        const entry = secret.values.find((value) => value.environmentId === this.environment.id);
        if (!entry) {
          return refuse(`the secret key “${secret.name}” has no value in ${where}. Give it one (Secret Keys ▸ Edit value), or run in another environment.`);
        }
        const due = refuseExpired ? rotationState(secret, now) : null;
        if (due?.status === 'overdue') {
          const what = due.reason === 'expiry' ? `expired on ${due.dueAt.slice(0, 10)}` : `was due for rotation on ${due.dueAt.slice(0, 10)}`;
          return refuse(`the secret key “${secret.name}” ${what}, and this workspace refuses runs with expired keys. Give it a new value (or a new date), then run again.`);
        }
        if (entry.source && !toFetch.has(secretId)) toFetch.set(secretId, { source: entry.source, at });
      }
    }
    for (const [secretId, { source, at }] of toFetch) {
      const name = this.metas.get(secretId)!.name;
      try {
        this.linked.set(secretId, { name, value: await this.sources.fetch(source, signal) });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          index: at.index,
          error: StepError.inField(
            at.step,
            at.index,
            at.field,
            `the secret key “${name}” could not be read from ${PROVIDER_LABELS[source.provider]} (${where}): ${reason} Nothing was sent.`,
          ),
        };
      }
    }
    return null;
  }

  /** A key's value in the run's environment: read from its source before the run, or decrypted on first use. */
  secretValue(secretId: string): string {
    const linked = this.linked.get(secretId);
    if (linked) return linked.value;
    let value = this.stored.get(secretId);
    if (value === undefined) this.stored.set(secretId, (value = this.sources.reveal(secretId, this.environment.id)));
    return value;
  }

  variableValue(variableId: string): string {
    return this.variableTexts.get(variableId)?.values[this.environment.id] ?? '';
  }

  /** The values read from external sources for this run: masked like every stored value. */
  linkedValues(): MaskableSecret[] {
    return [...this.linked.values()];
  }
}
