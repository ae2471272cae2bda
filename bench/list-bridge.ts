/**
 * 2. Listing every secret's metadata over the browser host's real HTTP bridge (launch page
 * traded for a session, Origin and Host checked), JSON.parse on the client included,
 * against calling the same dispatcher in-process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import type { KeyflowCore } from '../electron/core/keyflow-core';
import { startHostServer } from '../electron/host/host-server';
import { signInWithLaunchPage } from '../electron/host/host-session';
import type { BridgeResponse } from '../shared/bridge/errors';
import type { SecretMeta } from '../shared/model/secret';
import { median, sampleAsync, type Row } from './measure';

const ROOT = join(__dirname, '..');
const TARGET_MS = 100;

export interface ListResult {
  rows: Row[];
  /** The list as the renderer receives it (parsed from the HTTP response). */
  items: SecretMeta[];
  payloadBytes: number;
}

export async function benchList(core: KeyflowCore, expected: number, runs = 25): Promise<ListResult> {
  const launchFile = join(mkdtempSync(join(tmpdir(), 'keyflow-bench-launch-')), 'open-keyflow.html');
  // A connection per request (pipelining 0: no keep-alive). Client and server share this event loop: an in-process
  // sample that blocks past the server's 5 s keep-alive lets both ends reach for the idle socket at once ("fetch failed").
  const agent = new Agent({ pipelining: 0 });
  const server = await startHostServer({
    dispatch: core.dispatch,
    subscribe: core.subscribe,
    rendererDir: join(ROOT, 'dist', 'renderer'),
    launchFile,
    port: 0,
    logger: core.logger,
  });
  try {
    // As a browser would: open the launch page once and keep the session it gets.
    const session = await signInWithLaunchPage(server.launchUrl);

    let items: SecretMeta[] = [];
    let payloadBytes = 0;
    const overHttp = async () => {
      const response = await fetch(`${server.origin}/bridge/secrets.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.origin, ...session },
        body: '{}',
        dispatcher: agent,
      });
      const body = await response.text();
      items = expectList(JSON.parse(body) as BridgeResponse<SecretMeta[]>, expected, `HTTP ${response.status}`);
      payloadBytes = Buffer.byteLength(body);
    };
    const inProcess = async () => {
      expectList((await core.dispatch('secrets.list', {})) as BridgeResponse<SecretMeta[]>, expected, 'dispatch');
    };

    const samples = await sampleAsync({ overHttp, inProcess }, { warmup: 3, runs });
    const http = median(samples.overHttp);
    const dispatch = median(samples.inProcess);
    return {
      rows: [
        {
          measurement: `secrets.list over HTTP, ${expected.toLocaleString('en')} items (median of ${runs})`,
          value: http,
          unit: 'ms',
          baseline: { value: dispatch, label: 'in-process dispatch' },
          ratio: `${(http / dispatch).toFixed(2)}× dispatch`,
          target: { text: `< ${TARGET_MS} ms`, met: http < TARGET_MS },
        },
      ],
      items,
      payloadBytes,
    };
  } finally {
    await server.close();
    await agent.close();
  }
}

function expectList(envelope: BridgeResponse<SecretMeta[]>, expected: number, via: string): SecretMeta[] {
  if (!envelope.ok) throw new Error(`secrets.list failed (${via}): ${envelope.error.code}: ${envelope.error.message}`);
  if (envelope.result.length !== expected) throw new Error(`secrets.list (${via}) returned ${envelope.result.length} items, expected ${expected}`);
  return envelope.result;
}
