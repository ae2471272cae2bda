/**
 * Runs a workflow in the main process:
 *   resolve references → check (exists, rights, type, readable by Run Code) → decrypt →
 *   inject → check the target against every secret the request carries → execute →
 *   redact → store, streaming progress after every change.
 * A step that fails a check fails before a single byte is sent. Each step's output carries
 * the secrets it derives from (secret-flow.ts), and later steps are held to them.
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
import type { MaskableSecret } from '../redaction/redactor';
import { bodyAsOutput } from './response-body';
import { checkStepReferences, checkTarget } from './step-secrets';
import { prepareHttpRequest, prepareIntegrationRequest, type PreparedRequest } from './prepared-request';
import { ResponseBudget, sendRequest } from './send-request';
import type { RenderContext } from './render-template';
import { runCodeStep } from './code-step';
import { carriedByRequest, refusalText, RunSecretFlow, type SecretIds } from './secret-flow';
import type { CodeSandbox } from '../run-code/sandbox';
import type { RunEnvironment, RunValues } from './run-values';

export interface RunnerOptions {
  secrets: SecretStore;
  /** The values a run in an environment uses (run-values.ts). */
  values: (environment: RunEnvironment) => RunValues;
  workflows: WorkflowStore;
  runs: RunStore;
  /** The redactor over every secret of the workspace (cached by the caller between changes), and the values a run read from external sources. */
  redactor: (linked: readonly MaskableSecret[]) => RunRedactor;
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

const WITHHELD = 'Keyflow withheld what this run produced: its progress failed a safety check before it could be shown. Nothing more was run.';

/** What a run keeps when its progress failed a safety check: the steps' statuses, nothing they produced. */
function withhold(run: Run): void {
  run.status = 'failed';
  const last = run.steps.findLastIndex((step) => step.startedAt !== null);
  run.steps.forEach((step, index) => {
    delete step.request;
    delete step.response;
    delete step.output;
    delete step.error;
    step.logs = [];
    if (index === last) {
      step.status = 'failed';
      step.error = { message: WITHHELD };
    }
  });
}

/** One step's context within a run. */
interface StepRun {
  result: StepResult;
  outputs: Map<string, unknown>;
  flow: RunSecretFlow;
  budget: ResponseBudget;
  redactor: RunRedactor;
  signal: AbortSignal;
  runId: string;
  stepLabel: (stepId: string) => string;
  /** The values of the run's environment. */
  values: RunValues;
  /** The workflow's steps (what an output reference may point at). */
  steps: readonly Step[];
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
    const progress = { withheld: false };
    // A snapshot that fails to go out (a safety check refused it) stops the run: what it
    // produced is withheld, and the run ends failed instead of staying "running".
    const emit = () => {
      if (progress.withheld) return;
      try {
        const snapshot = structuredClone(run);
        this.options.onProgress?.(snapshot);
        onProgress?.(snapshot);
      } catch {
        progress.withheld = true;
        controller.abort();
      }
    };
    this.options.runs.save(run);
    emit();
    const done = this.execute(workflow, run, controller.signal, emit, progress).finally(() => this.active.delete(run.id));
    return { run: structuredClone(run), done };
  }

  private async execute(workflow: Workflow, run: Run, signal: AbortSignal, emit: () => void, progress: { withheld: boolean }): Promise<Run> {
    const values = this.options.values(run.environment!);
    // Every value the run needs is there (linked ones read) before a step sends anything.
    const problem = await values.prepare(workflow, signal);
    const redactor = this.options.redactor(values.linkedValues());
    if (problem) {
      const result = run.steps[problem.index]!;
      result.status = 'failed';
      result.error = { message: redactor.redact(problem.error.message), ...(problem.error.field ? { field: problem.error.field } : {}) };
    }
    const outputs = new Map<string, unknown>();
    const flow = new RunSecretFlow();
    const budget = new ResponseBudget();
    const stepLabel = (stepId: string) => {
      const at = workflow.steps.findIndex((step) => step.id === stepId);
      return at === -1 ? 'a step that no longer exists' : `step ${at + 1} “${workflow.steps[at]!.name}”`;
    };
    for (const [index, step] of workflow.steps.entries()) {
      if (problem) break;
      const result = run.steps[index]!;
      if (signal.aborted) break;
      result.status = 'running';
      result.startedAt = new Date().toISOString();
      const started = performance.now();
      emit();
      try {
        const { output, carries } = await this.executeStep(step, index, {
          result,
          outputs,
          flow,
          budget,
          redactor,
          signal,
          runId: run.id,
          stepLabel,
          values,
          steps: workflow.steps,
        });
        outputs.set(step.id, output);
        flow.setOutput(step.id, carries);
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
    if (progress.withheld) withhold(run);
    else run.status = signal.aborted ? 'cancelled' : run.steps.every((step) => step.status === 'ok') ? 'ok' : 'failed';
    run.finishedAt = new Date().toISOString();
    this.options.runs.save(run);
    progress.withheld = false; // the stripped snapshot may go out
    emit();
    return run; // finished: nothing changes it any more, so the caller needs no copy
  }

  private async executeStep(step: Step, index: number, s: StepRun): Promise<{ output: unknown; carries: SecretIds }> {
    const ids = templatesOf(step).flatMap(({ template }) => secretIdsIn(template));
    const uses = checkStepReferences(s.steps, index, this.options.secrets.getMany(ids));
    s.flow.learn(uses.map((use) => use.secret));
    const values = new Map<string, string>();
    const context: RenderContext = {
      outputs: s.outputs,
      outputCarries: (stepId) => s.flow.outputCarries(stepId),
      secretValue: (id) => {
        let value = values.get(id);
        if (value === undefined) values.set(id, (value = s.values.secretValue(id)));
        return value;
      },
      variableValue: (id) => s.values.variableValue(id),
    };
    const markUsed = () => {
      if (uses.length > 0)
        this.options.secrets.markUsed(
          uses.map((use) => use.secret),
          s.runId,
        );
    };

    if (step.action === 'code.run') {
      markUsed();
      return runCodeStep(
        step,
        index,
        {
          context,
          flow: s.flow,
          budget: s.budget,
          redactor: s.redactor,
          signal: s.signal,
          sandbox: this.options.sandbox,
          dispatcher: this.options.dispatcher,
          stepLabel: s.stepLabel,
        },
        s.result,
      );
    }

    const prepared: PreparedRequest =
      step.action === 'http.request' ? prepareHttpRequest(step, index, context) : prepareIntegrationRequest(step, index, context, this.options.integrationBaseUrl(step.action));
    const carries = carriedByRequest(prepared.carried);
    checkTarget(step, index, prepared.url, carries, s.flow, context, s.stepLabel);
    const { redactor } = s;
    s.result.request = {
      method: prepared.method,
      url: redactor.redact(prepared.url.toString()),
      headers: prepared.headers.map(([name, value]) => [redactor.redact(name), redactor.redact(value)]),
      ...(prepared.body !== undefined ? { body: redactor.redact(prepared.body) } : {}),
    };
    markUsed();
    const response = await sendRequest(prepared, {
      signal: s.signal,
      redactor,
      budget: s.budget,
      dispatcher: this.options.dispatcher,
      admit: (url, carried) => {
        const refused = s.flow.refusedAt(url, carried);
        if (refused) throw new StepError(`Refused to follow a redirect to ${url.origin}: ${refusalText(refused, url)}. Nothing more was sent.`);
      },
    });
    s.result.response = response;
    if (response.status >= 400) s.result.error = { message: `Step ${index + 1} “${step.name}”: the server answered HTTP ${response.status}.` };
    return {
      output: { status: response.status, headers: Object.fromEntries(response.headers), body: bodyAsOutput(response.body, response.headers, response.truncated, redactor) },
      carries,
    };
  }
}
