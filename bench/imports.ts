/**
 * 9. Imports and the Security check, each beside the parse it can't do without:
 *  - a 500-request Postman collection (10 folders; bearer auth from a collection variable,
 *    JSON bodies, query parameters, a literal token in every folder): `imports.preview`, and
 *    preview + `imports.commit`, through the real core, against Postman's own library parsing
 *    the same file alone (`new Collection(JSON.parse(text))` and a walk over its requests);
 *  - `security.scan` over 1,000 workflows of 5 steps each, against reading the same workflows
 *    through the same bridge alone (`workflows.list` + `workflows.get` of each).
 */
import { Collection } from 'postman-collection';
import type { KeyflowCore } from '../electron/core/keyflow-core';
import type { CallArgs, CallName, CallResult } from '../shared/bridge/contract';
import type { BridgeResponse } from '../shared/bridge/errors';
import type { ImportSource } from '../shared/model/imports';
import type { Step } from '../shared/model/workflow';
import { fingerprintOf } from '../shared/detection/fingerprint';
import { median, sampleAsync, type Row } from './measure';

const FOLDERS = 10;
const PER_FOLDER = 50;
const WORKFLOWS = 1000;

async function call<N extends CallName>(core: KeyflowCore, name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const response = (await core.dispatch(name, args)) as BridgeResponse<CallResult<N>>;
  if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
  return response.result;
}

const token = (seed: number) => `Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb${seed.toString(36).padStart(6, 'q')}Yc5`;

export function benchCollection(): string {
  const body = JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com', tags: Array.from({ length: 20 }, (_, i) => `tag-${i}`), notes: 'x'.repeat(600) }, null, 2);
  const folders = Array.from({ length: FOLDERS }, (_, f) => ({
    name: `Area ${f}`,
    item: Array.from({ length: PER_FOLDER }, (_, r) => ({
      name: `Request ${f}.${r}`,
      request: {
        method: r % 2 === 0 ? 'GET' : 'POST',
        header: [
          { key: 'Accept', value: 'application/json' },
          { key: 'X-Request-Id', value: `9f1c3b7e-2d4a-4e8f-b6a1-${String(f * 100 + r).padStart(12, '0')}` },
          ...(r === 0 ? [{ key: 'X-API-Key', value: token(f) }] : []),
        ],
        url: {
          raw: `{{baseUrl}}/v1/area${f}/items/${r}?page=1&sort=created_at`,
          host: ['{{baseUrl}}'],
          path: ['v1', `area${f}`, 'items', String(r)],
          query: [
            { key: 'page', value: '1' },
            { key: 'sort', value: 'created_at' },
          ],
        },
        ...(r % 2 === 1 ? { body: { mode: 'raw', raw: body, options: { raw: { language: 'json' } } } } : {}),
      },
    })),
  }));
  return JSON.stringify({
    info: { name: 'Bench API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{apiKey}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: 'https://api.example.com' },
      { key: 'apiKey', value: ['sk', 'live', '51HqLyjWDarjtT1zdp7dcBench'].join('_') },
    ],
    item: folders,
  });
}

function workflowSteps(w: number): Step[] {
  return Array.from({ length: 5 }, (_, s): Step => {
    const literal = s === 0 && w % 10 === 0 ? token(1000 + w) : null;
    return {
      id: `step_${s}`,
      name: `Step ${s}`,
      action: 'http.request',
      config: {
        method: 'POST',
        url: [{ kind: 'text', text: `https://api.example.com/v1/items/${w}?expand=customer&limit=10` }],
        query: [{ key: 'page', value: [{ kind: 'text', text: '2' }], enabled: true }],
        headers: [
          { key: 'Accept', value: [{ kind: 'text', text: 'application/json' }], enabled: true },
          { key: 'X-API-Key', value: [{ kind: 'text', text: literal ?? '{{apiKey}}' }], enabled: true },
        ],
        body: {
          kind: 'json',
          text: [{ kind: 'text', text: JSON.stringify({ id: w, name: `Workflow ${w}`, items: Array.from({ length: 10 }, (_, i) => ({ sku: `sku-${i}`, qty: i })) }) }],
        },
        auth: { kind: 'none' },
        timeoutMs: 30_000,
      },
      ...(literal ? { plainText: [fingerprintOf(literal)] } : {}),
    };
  });
}

export async function benchImports(core: KeyflowCore, log: (message: string) => void): Promise<{ rows: Row[]; notes: string[] }> {
  const text = benchCollection();
  const source: ImportSource = { format: 'postman', text, fileName: 'bench.postman_collection.json' };
  const parseAlone = async () => {
    let requests = 0;
    // forEachItem is the library's own walk; its typings leave it out.
    (new Collection(JSON.parse(text)) as unknown as { forEachItem(visit: () => void): void }).forEachItem(() => requests++);
    if (requests !== FOLDERS * PER_FOLDER) throw new Error(`parsed ${requests} requests`);
  };
  let commits = 0;
  log('importing a 500-request Postman collection…');
  const samples = await sampleAsync(
    {
      parse: parseAlone,
      preview: () => call(core, 'imports.preview', { source }),
      previewAndCommit: async () => {
        const preview = await call(core, 'imports.preview', { source });
        const run = commits++;
        await call(core, 'imports.commit', {
          source,
          decisions: { credentials: preview.credentials.map((c) => ({ id: c.id, action: 'key' as const, name: `${c.proposedName} #${run}` })) },
        });
      },
    },
    { warmup: 1, runs: 5 },
  );
  const parse = median(samples.parse);
  const preview = median(samples.preview);
  const commit = median(samples.previewAndCommit);

  log(`creating ${WORKFLOWS.toLocaleString('en')} workflows of 5 steps…`);
  for (let w = 0; w < WORKFLOWS; w++) {
    const created = await call(core, 'workflows.create', { name: `Scan ${w}` });
    await call(core, 'workflows.save', { id: created.id, name: created.name, definition: { trigger: { kind: 'manual' }, steps: workflowSteps(w) } });
  }
  log('scanning them…');
  let found = 0;
  const scanSamples = await sampleAsync(
    {
      read: async () => {
        for (const summary of await call(core, 'workflows.list', {})) await call(core, 'workflows.get', { id: summary.id });
      },
      scan: async () => {
        found = (await call(core, 'security.scan', {})).length;
      },
    },
    { warmup: 1, runs: 5 },
  );
  const read = median(scanSamples.read);
  const scan = median(scanSamples.scan);
  const total = WORKFLOWS + commits * FOLDERS;
  return {
    rows: [
      {
        measurement: 'import preview, 500-request Postman collection',
        value: preview,
        unit: 'ms',
        baseline: { value: parse, label: 'postman-collection parse alone' },
        ratio: `${(preview / parse).toFixed(1)}× parse`,
      },
      {
        measurement: 'import preview + commit (10 workflows, 11 keys)',
        value: commit,
        unit: 'ms',
        baseline: { value: parse, label: 'postman-collection parse alone' },
        ratio: `${(commit / parse).toFixed(1)}× parse`,
      },
      {
        measurement: `security.scan, ${total.toLocaleString('en')} workflows`,
        value: scan,
        unit: 'ms',
        baseline: { value: read, label: 'list + get of each alone' },
        ratio: `${(scan / read).toFixed(1)}× read`,
      },
    ],
    notes: [
      `import: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB collection, ${FOLDERS * PER_FOLDER} requests; the scan found ${found} literal credentials (kept as plain text) among ${total.toLocaleString('en')} workflows (${WORKFLOWS.toLocaleString('en')} made for it, ${commits * FOLDERS} imported before)`,
    ],
  };
}
