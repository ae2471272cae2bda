/**
 * A Run Code step: user JavaScript in the QuickJS sandbox. It gets `input` (its declared
 * variables, secrets already injected, and previous steps' outputs) and a host `fetch`
 * that obeys the same rules as Send API Request. Its logs, errors and return value are
 * redacted before they are kept.
 *
 * Secret flow: code can transform a value past any masker, so the step itself carries every
 * secret it has read — a variable that holds one, an earlier step's output that carries one
 * (the sandbox reports each first read) — from that moment on. Every fetch after that, all
 * of it (URL, headers, body), carries them and is held to their allowed domains; so is the
 * step's output.
 */
import type { Dispatcher } from 'undici';
import type { StepResult } from '../../../shared/model/run';
import type { Step } from '../../../shared/model/workflow';
import { redactDeep, type RunRedactor } from './run-redactor';
import { StepError } from './run-error';
import { ResponseBudget, sendRequest } from './send-request';
import { carriedBy, renderTemplate, type RenderContext } from './render-template';
import type { PreparedRequest } from './prepared-request';
import { NO_SECRETS, refusalText, unionOf, type RunSecretFlow, type SecretIds } from './secret-flow';
import { FetchSlots } from './fetch-slots';
import { LogCap } from '../run-code/log-cap';
import { MAX_LOG_CHARS, type CodeSandbox, type RunCodeHost } from '../run-code/sandbox';

const FETCH_TIMEOUT_MS = 30_000;

export interface CodeStepContext {
  context: RenderContext;
  flow: RunSecretFlow;
  budget: ResponseBudget;
  redactor: RunRedactor;
  signal: AbortSignal;
  sandbox: CodeSandbox;
  dispatcher?: Dispatcher;
  stepLabel: (stepId: string) => string;
}

/** A JSON text as data, each string redacted: the guest's `json()` gets this, not its own parse of the text. */
function redactedJson(body: string, redactor: RunRedactor): unknown {
  try {
    return redactDeep(JSON.parse(body), redactor);
  } catch {
    return undefined;
  }
}

export async function runCodeStep(
  step: Step & { action: 'code.run' },
  index: number,
  { context, flow, budget, redactor, signal, sandbox, dispatcher, stepLabel }: CodeStepContext,
  result: StepResult,
): Promise<{ output: unknown; carries: SecretIds }> {
  const variables: Record<string, string> = {};
  const watched = new Map<string, SecretIds>();
  for (const variable of step.config.variables) {
    variables[variable.name] = renderTemplate(variable.value, context);
    const carried = carriedBy(variable.value, context);
    if (carried.size > 0) watched.set(variable.name, unionOf([watched.get(variable.name) ?? NO_SECRETS, carried]));
  }
  const steps = Object.fromEntries(context.outputs);
  for (const stepId of context.outputs.keys()) {
    const carried = flow.outputCarries(stepId);
    if (carried.size > 0) watched.set(`steps.${stepId}`, carried);
  }

  let read: SecretIds = NO_SECRETS;
  const readFrom: string[] = [];
  const slots = new FetchSlots();
  // Cut after redacting: a secret that straddles the cut is masked whole.
  const logs = new LogCap(MAX_LOG_CHARS);

  const host: RunCodeHost = {
    log(line) {
      const kept = logs.take(line);
      if (kept === line.length) result.logs.push(redactor.redact(line));
      else if (kept > 0) result.logs.push(redactor.redactPrefix(line, kept));
    },
    read(path) {
      const carried = watched.get(path);
      if (!carried) return;
      read = unionOf([read, carried]);
      readFrom.push(path.startsWith('steps.') ? `the output of ${stepLabel(path.slice('steps.'.length))}` : `the variable ${path}`);
    },
    async fetch(request, options) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new StepError(`fetch: "${redactor.redact(String(request.url))}" is not a valid URL.`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StepError('fetch: only http and https URLs are allowed.');
      // Everything the code sends from now on may hold what it has read so far.
      const carried = read;
      const headers = Object.entries(request.headers ?? {});
      const prepared: PreparedRequest = {
        method: (request.method ?? 'GET').toUpperCase(),
        url,
        headers,
        body: request.body,
        carried: { url: carried, headers: new Map(headers.map(([name]) => [name.toLowerCase(), carried])), body: carried },
        timeoutMs: FETCH_TIMEOUT_MS,
      };
      const admit = (target: URL, carriedNow: SecretIds) => {
        const refused = flow.refusedAt(target, carriedNow);
        if (refused) {
          const refusal = `fetch: refused: ${refusalText(refused, target)}, and this step has read it (through ${readFrom.join(', ')}). Nothing was sent.`;
          result.logs.push(`[Keyflow] ${refusal}`);
          throw new StepError(refusal);
        }
      };
      const response = await slots.run(options.signal, () => sendRequest(prepared, { signal: AbortSignal.any([signal, options.signal]), redactor, budget, dispatcher, admit }));
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: response.body,
        json: response.truncated ? undefined : redactedJson(response.body, redactor),
      };
    },
  };

  const outcome = await sandbox.run(
    {
      code: step.config.code,
      input: { ...variables, steps },
      watched: [...watched.keys()],
      logLookahead: redactor.lookahead,
      timeoutMs: step.config.timeoutMs,
      memoryLimitBytes: step.config.memoryLimitMb * 1024 * 1024,
    },
    host,
  );
  if (logs.truncated) result.logs.push(logs.notice);
  if (!outcome.ok) {
    const what = { timeout: 'stopped at its deadline', memory: 'stopped at its memory limit', exception: 'threw an error', 'invalid-output': 'returned a value that is not JSON' }[
      outcome.error.kind
    ];
    throw StepError.inStep(step, index, `the code ${what}: ${redactor.redact(outcome.error.message)}`);
  }
  return { output: redactDeep(outcome.output, redactor), carries: read };
}
