/**
 * Runs a workflow in the main process:
 *   resolve references → check (exists, type, allowed host) → decrypt → inject →
 *   execute → redact → store, streaming progress after every change.
 * A step that fails a check fails before a single byte is sent.
 * A run is written to history when it starts and when it ends; in between, progress
 * travels as events only (a run cut short by a crash is marked failed at the next start).
 */
import type { Dispatcher } from 'undici';
import type { Run, RunTrigger, StepResult } from '../../../shared/model/run';
import { ACTIONS } from '../../../shared/model/actions';
import { secretIdsIn } from '../../../shared/model/template';
import { templatesOf, type ActionId, type Step, type Workflow } from '../../../shared/model/workflow';
import { BridgeError } from '../../../shared/bridge/errors';
import type { SecretStore } from '../secrets/secret-store';
import type { WorkflowStore } from '../workflows/workflow-store';
import { newId } from '../ids';
import { StepError } from './run-error';
import type { RunStore } from './run-store';
import type { RunRedactor } from './run-redactor';
import { checkAllowedHost, checkStepSecrets, type StepSecretUse } from './step-secrets';
import { prepareHttpRequest, prepareIntegrationRequest, type PreparedRequest } from './prepared-request';
import { sendRequest } from './send-request';
import { renderTemplate, type RenderContext } from './render-template';
import { runCodeStep } from './code-step';
import type { CodeSandbox } from '../run-code/sandbox';
import type { RunEnvironment, RunValues } from './run-values';
import { withLinkedValues } from './linked-redactor';

export interface RunnerOptions {
  secrets: SecretStore;
  /** The values a run in an environment uses (run-values.ts). */
  values: (environment: RunEnvironment) => RunValues;
  workflows: WorkflowStore;
  runs: RunStore;
  /** The redactor over every secret of the workspace (cached by the caller between changes). */
  redactor: () => RunRedactor;
  sandbox: CodeSandbox;
  /** Integration hosts; only tests point them elsewhere. */
  integrationBaseUrl: (action: ActionId) => string;
  onProgress?: (run: Run) => void;
  /** Checked before a run starts (Viewers may not run workflows). */
  beforeRun?: () => void;
  dispatcher?: Dispatcher;
}

export function defaultIntegrationBaseUrl(action: ActionId): string {
  return `https://${ACTIONS[action].host}`;
}

function parseBody(body: string, headers: [string, string][], truncated: boolean): unknown {
  const type = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!truncated && /\bjson\b/i.test(type)) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  return body;
}

export class Runner {
  private readonly active = new Map<string, AbortController>();

  constructor(private readonly options: RunnerOptions) {}

  /** Starts a run in the background and returns its first snapshot. */
  start(workflowId: string, environment: RunEnvironment, trigger: RunTrigger = 'app'): Run {
    const { run, done } = this.launch(this.options.workflows.get(workflowId), environment, trigger);
    done.catch(() => undefined);
    return run;
  }

  /** Runs to the end (the command-line runner), reporting progress. */
  async runToEnd(workflow: Workflow, environment: RunEnvironment, onProgress?: (run: Run) => void, trigger: RunTrigger = 'cli'): Promise<Run> {
    const { done } = this.launch(workflow, environment, trigger, onProgress);
    return done;
  }

  cancel(runId: string): void {
    const controller = this.active.get(runId);
    if (!controller) throw new BridgeError('conflict', 'That run is not running.', 'id');
    controller.abort();
  }

  private launch(workflow: Workflow, environment: RunEnvironment, trigger: RunTrigger, onProgress?: (run: Run) => void): { run: Run; done: Promise<Run> } {
    this.options.beforeRun?.();
    const run: Run = {
      id: newId('run'),
      workflowId: workflow.id,
      workflowName: workflow.name,
      status: 'running',
      trigger,
      environment: { id: environment.id, name: environment.name },
      startedAt: new Date().toISOString(),
      finishedAt: null,
      steps: workflow.steps.map((step) => ({ stepId: step.id, stepName: step.name, action: step.action, status: 'pending', startedAt: null, durationMs: null, logs: [] })),
    };
    const controller = new AbortController();
    this.active.set(run.id, controller);
    const emit = () => {
      const snapshot = structuredClone(run);
      this.options.onProgress?.(snapshot);
      onProgress?.(snapshot);
    };
    this.options.runs.save(run);
    emit();
    const done = this.execute(workflow, run, controller.signal, emit).finally(() => this.active.delete(run.id));
    return { run: structuredClone(run), done };
  }

  private async execute(workflow: Workflow, run: Run, signal: AbortSignal, emit: () => void): Promise<Run> {
    const values = this.options.values(run.environment!);
    // Every value the run needs is there (linked ones read) before a step sends anything.
    const problem = await values.prepare(workflow, signal);
    const redactor = withLinkedValues(this.options.redactor(), values.linkedValues());
    if (problem) {
      const result = run.steps[problem.index]!;
      result.status = 'failed';
      result.error = { message: redactor.redact(problem.error.message), ...(problem.error.field ? { field: problem.error.field } : {}) };
    }
    const outputs = new Map<string, unknown>();
    for (const [index, step] of workflow.steps.entries()) {
      if (problem) break;
      const result = run.steps[index]!;
      if (signal.aborted) break;
      result.status = 'running';
      result.startedAt = new Date().toISOString();
      const started = performance.now();
      emit();
      try {
        const output = await this.executeStep(step, index, result, outputs, redactor, signal, run.id, values);
        outputs.set(step.id, output);
        result.output = output;
        result.status = result.error ? 'failed' : 'ok';
      } catch (error) {
        result.status = signal.aborted ? 'cancelled' : 'failed';
        const message = error instanceof StepError ? error.message : `Step ${index + 1} “${step.name}” failed unexpectedly.`;
        result.error = { message: redactor.redact(message), ...(error instanceof StepError && error.field ? { field: error.field } : {}) };
      }
      result.durationMs = Math.round(performance.now() - started);
      emit();
      if (result.status !== 'ok') break;
    }
    for (const result of run.steps) if (result.status === 'pending') result.status = 'skipped';
    run.status = signal.aborted ? 'cancelled' : run.steps.every((step) => step.status === 'ok') ? 'ok' : 'failed';
    run.finishedAt = new Date().toISOString();
    this.options.runs.save(run);
    emit();
    return structuredClone(run);
  }

  private async executeStep(
    step: Step,
    index: number,
    result: StepResult,
    outputs: Map<string, unknown>,
    redactor: RunRedactor,
    signal: AbortSignal,
    runId: string,
    runValues: RunValues,
  ): Promise<unknown> {
    const ids = templatesOf(step).flatMap(({ template }) => secretIdsIn(template));
    const uses = checkStepSecrets(step, index, this.options.secrets.getMany(ids));
    const values = new Map<string, string>();
    const context: RenderContext = {
      outputs,
      secretValue: (id) => {
        let value = values.get(id);
        if (value === undefined) values.set(id, (value = runValues.secretValue(id)));
        return value;
      },
      variableValue: (id) => runValues.variableValue(id),
    };

    if (step.action === 'code.run') {
      const variables = Object.fromEntries(step.config.variables.map((v) => [v.name, renderTemplate(v.value, context)]));
      if (uses.length > 0) this.options.secrets.markUsed(uses.map((use) => use.secret), runId);
      return runCodeStep(step, index, { variables, secretValues: [...values.values()], outputs, uses, redactor, signal, sandbox: this.options.sandbox, dispatcher: this.options.dispatcher }, result);
    }

    const prepared: PreparedRequest =
      step.action === 'http.request'
        ? prepareHttpRequest(step, index, context)
        : prepareIntegrationRequest(step, index, context, this.options.integrationBaseUrl(step.action));
    checkAllowedHost(step, index, uses, prepared.url.hostname);
    result.request = {
      method: prepared.method,
      url: redactor.redact(prepared.url.toString()),
      headers: prepared.headers.map(([name, value]) => [name, redactor.redact(value)]),
      ...(prepared.body !== undefined ? { body: redactor.redact(prepared.body) } : {}),
    };
    if (uses.length > 0) this.options.secrets.markUsed(uses.map((use: StepSecretUse) => use.secret), runId);
    const response = await sendRequest(prepared, { signal, redactor, dispatcher: this.options.dispatcher });
    result.response = response;
    if (response.status >= 400) result.error = { message: `Step ${index + 1} “${step.name}”: the server answered HTTP ${response.status}.` };
    return { status: response.status, headers: Object.fromEntries(response.headers), body: parseBody(response.body, response.headers, response.truncated) };
  }
}
