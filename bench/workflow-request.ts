/**
 * 5. A Send API Request step end to end through the real core — `core.runWorkflow`: load the
 * workflow, check and look up the referenced secret, decrypt it, inject it as a Bearer token,
 * send with undici, stream-redact the response against every secret of the workspace, parse it,
 * store the run — side by side with the same request made directly with undici's `request()`.
 * Both go to a node:http server on 127.0.0.1 in this process answering 1 KiB of JSON, over
 * undici's global keep-alive pool. Measured with 1 and with 1,000 secrets in the workspace
 * (the redactor masks all of them). The redactor is cached between runs and rebuilt on the
 * first run after a value changes: that rebuild is measured on its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { KeyflowCore } from '../electron/core/keyflow-core';
import type { Run } from '../shared/model/run';
import type { SecretMeta } from '../shared/model/secret';
import type { Step, Workflow } from '../shared/model/workflow';
import type { BridgeResponse } from '../shared/bridge/errors';
import type { CallArgs, CallName } from '../shared/bridge/contract';
import { secretName, secretValue } from './create-secrets';
import { maskFor } from '../electron/core/redaction/redactor';
import { median, sampleAsync, type Row } from './measure';

/** What a step may add to the same request made directly with undici, at the median (issue 10). */
const MAX_OVERHEAD_US = 300;
const BODY_BYTES = 1024;
const RUNS = 150;
const WARMUP = 20;
const REBUILDS = 7;

export interface WorkflowBench {
  rows: Row[];
  notes: string[];
  /** Secrets in the workspace when the benchmark is done. */
  secretCount: number;
}

/** A 1 KiB JSON answer shaped like a typical list endpoint (padded to exactly 1,024 bytes). */
function responseBody(): string {
  const item = (i: number) => ({ id: `itm_${String(i).padStart(8, '0')}`, name: `Item ${i}`, status: 'active', amount: 1000 + i });
  const shape = (count: number, cursor: string) => JSON.stringify({ object: 'list', has_more: false, next_cursor: cursor, data: Array.from({ length: count }, (_, i) => item(i)) });
  let count = 0;
  while (Buffer.byteLength(shape(count + 1, '')) <= BODY_BYTES) count++;
  return shape(count, 'c'.repeat(BODY_BYTES - Buffer.byteLength(shape(count, ''))));
}

/** The API: answers the body when the Bearer token is the expected one, 401 otherwise. */
async function startApi(expectedToken: string): Promise<{ url: string; server: Server }> {
  const body = responseBody();
  if (Buffer.byteLength(body) !== BODY_BYTES) throw new Error(`the response body is ${Buffer.byteLength(body)} bytes, not ${BODY_BYTES}`);
  const server = createServer((req, res) => {
    req.resume();
    if (req.headers.authorization !== `Bearer ${expectedToken}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(BODY_BYTES) }).end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/items`, server };
}

async function call<N extends CallName>(core: KeyflowCore, name: N, args: CallArgs<N>): Promise<unknown> {
  const response = (await core.dispatch(name, args)) as BridgeResponse<unknown>;
  if (!response.ok) throw new Error(`${name} failed: ${response.error.code}: ${response.error.message}`);
  return response.result;
}

function expectOk(run: Run, what: string): Run {
  if (run.status !== 'ok') throw new Error(`${what}: the run ended ${run.status}: ${JSON.stringify(run.steps.map((step) => step.error ?? step.status))}`);
  return run;
}

/** Runs `fn` and returns its wall time in ms. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function createSecrets(core: KeyflowCore, from: number, to: number): Promise<SecretMeta[]> {
  const created: SecretMeta[] = [];
  for (let i = from; i < to; i++) created.push((await call(core, 'secrets.create', { name: secretName(i), value: secretValue() })) as SecretMeta);
  return created;
}

/** `core`: a core on a fresh, empty user-data directory; the benchmark adds its own secrets so it knows the workspace's count. */
export async function benchWorkflowRequest(core: KeyflowCore): Promise<WorkflowBench> {
  const token = secretValue();
  const api = await startApi(token);
  try {
    const secret = (await call(core, 'secrets.create', { name: 'Bench API token', value: token, allowedDomains: ['127.0.0.1'] })) as SecretMeta;
    const workflow = (await call(core, 'workflows.create', { name: 'Bench: Send API Request' })) as Workflow;
    const step: Step = {
      id: 'fetch_items',
      name: 'Fetch items',
      action: 'http.request',
      config: {
        method: 'GET',
        url: [{ kind: 'text', text: api.url }],
        query: [],
        headers: [],
        body: { kind: 'none' },
        auth: { kind: 'bearer', token: [{ kind: 'secret', secretId: secret.id }] },
        timeoutMs: 10_000,
      },
    };
    await call(core, 'workflows.save', { id: workflow.id, name: workflow.name, definition: { trigger: { kind: 'manual' }, steps: [step] } });

    const viaCore = async () => {
      const run = expectOk(await core.runWorkflow(workflow.id), 'Send API Request');
      const result = run.steps[0]!;
      if (result.response?.status !== 200 || result.response.bytes !== BODY_BYTES)
        throw new Error(`Send API Request: unexpected response ${result.response?.status} (${result.response?.bytes} bytes)`);
    };
    const viaUndici = async () => {
      const response = await request(api.url, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.body.text();
      if (response.statusCode !== 200 || text.length !== BODY_BYTES) throw new Error(`undici: unexpected response ${response.statusCode}`);
    };

    // The stored run must show the request with the token masked, and never the token itself.
    const sample = expectOk(await core.runWorkflow(workflow.id), 'Send API Request');
    const authorization = sample.steps[0]!.request?.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    if (authorization !== `Bearer ${maskFor('Bench API token')}` || JSON.stringify(sample).includes(token)) {
      throw new Error(`the run did not mask the token (Authorization: ${authorization})`);
    }

    const rows: Row[] = [];
    const notes: string[] = [];
    const measure = async (secretCount: number) => {
      const samples = await sampleAsync({ viaCore, viaUndici }, { warmup: WARMUP, runs: RUNS });
      const ours = median(samples.viaCore) * 1000;
      const direct = median(samples.viaUndici) * 1000;
      const overhead = ours / direct - 1;
      rows.push({
        measurement: `Send API Request via core.runWorkflow, ${secretCount.toLocaleString('en')} secret${secretCount === 1 ? '' : 's'} in workspace (median of ${RUNS})`,
        value: ours,
        unit: 'µs',
        baseline: { value: direct, label: 'undici request() + body.text()' },
        ratio: `${overhead >= 0 ? '+' : ''}${(overhead * 100).toFixed(1)}% (+${(ours - direct).toFixed(0)} µs)`,
        target: { text: `≤ +${MAX_OVERHEAD_US} µs over undici`, met: ours - direct <= MAX_OVERHEAD_US },
      });
      return ours;
    };

    await measure(1);

    // 1,000 secrets: the redactor now masks every variant of 1,000 values.
    const fillers = await createSecrets(core, 0, 999);
    const listed = (await call(core, 'secrets.list', {})) as SecretMeta[];
    if (listed.length !== 1000) throw new Error(`the workspace holds ${listed.length} secrets, expected 1,000`);
    const steady = await measure(1000);

    // A value change drops the cached redactor: the next run decrypts all 1,000 values and
    // compiles the automaton again. Each change is followed by one timed run (the change untimed).
    const rebuilt: number[] = [];
    for (let i = 0; i < REBUILDS; i++) {
      await call(core, 'secrets.updateValue', { id: fillers[i]!.id, value: secretValue() });
      rebuilt.push((await timed(async () => expectOk(await core.runWorkflow(workflow.id), 'first run after a change'))) * 1000);
      await viaCore(); // back to a warm cache before the next change
    }
    const first = median(rebuilt);
    rows.push({
      measurement: `first run after a value change, 1,000 secrets (redactor rebuilt; median of ${REBUILDS})`,
      value: first / 1000,
      unit: 'ms',
      baseline: { value: steady / 1000, label: 'steady state, cached redactor' },
      ratio: `+${((first - steady) / 1000).toFixed(1)} ms rebuild`,
    });
    notes.push(
      `Send API Request: GET ${new URL(api.url).pathname} on a node:http server in this process, 1 KiB JSON answer, Bearer secret (allowed domain 127.0.0.1); both sides share undici's global keep-alive pool; ${WARMUP} warm-up pairs, then ${RUNS} alternating pairs`,
    );
    return { rows, notes, secretCount: listed.length };
  } finally {
    const closed = new Promise<void>((resolve) => api.server.close(() => resolve()));
    api.server.closeAllConnections();
    await closed;
  }
}
