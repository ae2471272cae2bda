/**
 * A Run Code step: user JavaScript in the QuickJS sandbox. It gets `input` (its declared
 * variables, secrets already injected, and previous steps' outputs) and a host `fetch`
 * that obeys the same rules as Send API Request: allowed domains, secret headers dropped
 * on cross-origin redirects, responses redacted. Its logs, errors and return value are
 * redacted before they are kept.
 */
import type { Dispatcher } from 'undici';
import type { StepResult } from '../../../shared/model/run';
import type { Step } from '../../../shared/model/workflow';
import { redactDeep, type RunRedactor } from './run-redactor';
import { StepError } from './run-error';
import { checkAllowedHost, type StepSecretUse } from './step-secrets';
import { sendRequest } from './send-request';
import type { PreparedRequest } from './prepared-request';
import type { CodeSandbox, RunCodeHost } from '../run-code/sandbox';

const FETCH_TIMEOUT_MS = 30_000;

export async function runCodeStep(
  step: Step & { action: 'code.run' },
  index: number,
  context: {
    variables: Record<string, string>;
    /** The decrypted values this step injects: a fetch header or body holding one carries a secret. */
    secretValues: readonly string[];
    outputs: ReadonlyMap<string, unknown>;
    uses: readonly StepSecretUse[];
    redactor: RunRedactor;
    signal: AbortSignal;
    sandbox: CodeSandbox;
    dispatcher?: Dispatcher;
  },
  result: StepResult,
): Promise<unknown> {
  const { redactor, uses } = context;
  const carriesSecret = (text: string) => context.secretValues.some((value) => text.includes(value));

  const host: RunCodeHost = {
    log: (line) => result.logs.push(redactor.redact(line)),
    async fetch(request, { signal }) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new StepError(`fetch: "${redactor.redact(String(request.url))}" is not a valid URL.`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StepError('fetch: only http and https URLs are allowed.');
      checkAllowedHost(step, index, uses, url.hostname);
      const headers = Object.entries(request.headers ?? {});
      const prepared: PreparedRequest = {
        method: (request.method ?? 'GET').toUpperCase(),
        url,
        headers,
        body: request.body,
        secretHeaders: new Set(headers.filter(([, value]) => carriesSecret(value)).map(([name]) => name.toLowerCase())),
        bodyCarriesSecret: request.body !== undefined && carriesSecret(request.body),
        timeoutMs: FETCH_TIMEOUT_MS,
      };
      const response = await sendRequest(prepared, { signal: AbortSignal.any([context.signal, signal]), redactor, dispatcher: context.dispatcher });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: response.body };
    },
  };

  const outcome = await context.sandbox.run(
    {
      code: step.config.code,
      input: { ...context.variables, steps: Object.fromEntries(context.outputs) },
      timeoutMs: step.config.timeoutMs,
      memoryLimitBytes: step.config.memoryLimitMb * 1024 * 1024,
    },
    host,
  );
  if (!outcome.ok) {
    const what = { timeout: 'stopped at its deadline', memory: 'stopped at its memory limit', exception: 'threw an error', 'invalid-output': 'returned a value that is not JSON' }[outcome.error.kind];
    throw StepError.inStep(step, index, `the code ${what}: ${redactor.redact(outcome.error.message)}`);
  }
  return redactDeep(outcome.output, redactor);
}
