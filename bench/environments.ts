/**
 * 8. Listing and filtering 10,000 keys that each hold a value in 5 environments, through the
 * same HTTP bridge and renderer filter as the 10,000-key list (2. and 3.): each key's list
 * entry now carries its five values (environment, version, hint, source) — never a value.
 * The four extra values per key are written straight into the database beside the running
 * core (copies of each key's sealed Default value: a list never opens a value), because
 * sealing 40,000 values through the bridge would measure creation, not listing.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { KeyflowCore } from '../electron/core/keyflow-core';
import { DATABASE_FILE } from '../electron/core/keyflow-core';
import type { BridgeResponse } from '../shared/bridge/errors';
import type { EnvironmentsView } from '../shared/model/environment';
import { benchList } from './list-bridge';
import { benchFilter } from './filter-store';
import type { Row } from './measure';

const NAMES = ['Development', 'Staging', 'QA', 'Production'];

export async function benchEnvironments(core: KeyflowCore, userDataDir: string, secrets: number): Promise<{ rows: Row[]; notes: string[] }> {
  let view: EnvironmentsView | null = null;
  for (const name of NAMES) {
    const response = (await core.dispatch('environments.create', { name })) as BridgeResponse<EnvironmentsView>;
    if (!response.ok) throw new Error(`environments.create failed: ${response.error.message}`);
    view = response.result;
  }
  const db = new Database(join(userDataDir, DATABASE_FILE));
  try {
    db.pragma('busy_timeout = 5000');
    const copy = db.prepare(
      "INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value, source, hint) SELECT workspace_id, secret_id, ?, value_version, sealed_value, source, hint FROM secret_values WHERE environment_id = 'default'",
    );
    db.transaction(() => {
      for (const environment of view!.environments.slice(1)) copy.run(environment.id);
    })();
  } finally {
    db.close();
  }
  const list = await benchList(core, secrets);
  const entries = list.items.reduce((sum, item) => sum + item.values.length, 0);
  if (entries !== secrets * 5) throw new Error(`the list carries ${entries} values, expected ${secrets * 5}`);
  const label = (row: Row): Row => ({
    ...row,
    measurement: row.measurement.replace(/10,000 items|\(/, (match) => (match === '(' ? '× 5 environments (' : '10,000 keys × 5 environments')),
  });
  return {
    rows: [...list.rows.map(label), ...benchFilter(list.items).map((row) => ({ ...row, measurement: `${row.measurement.replace(/ \(/, ' (10,000 keys × 5 environments, ')}` }))],
    notes: [`secrets.list response with 5 environments: ${(list.payloadBytes / 1024 / 1024).toFixed(2)} MiB of JSON for ${secrets.toLocaleString('en')} keys`],
  };
}
