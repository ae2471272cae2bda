/** 1. Creating secrets through the real core: bridge validation, envelope sealing, SQLite insert. */
import { randomBytes } from 'node:crypto';
import type { KeyflowCore } from '../electron/core/keyflow-core';
import type { Row } from './measure';

const SERVICES = ['Stripe', 'GitHub', 'OpenAI', 'AWS', 'Slack', 'Twilio', 'SendGrid', 'Postgres'];
const KINDS = ['API key', 'token', 'secret', 'password'];

/** A name like "Stripe API key 00042": unique, and searchable by service, kind or number. */
export function secretName(index: number): string {
  return `${SERVICES[index % SERVICES.length]} ${KINDS[(index >> 3) % KINDS.length]} ${String(index).padStart(5, '0')}`;
}

/** A value shaped like a typical API key: 43 characters. */
export function secretValue(): string {
  return `kf_${randomBytes(30).toString('base64url')}`;
}

export async function benchCreate(core: KeyflowCore, count: number): Promise<Row[]> {
  // One after another, as the user (or an import) would; the first few calls are cold.
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await create(core, i);
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  return [
    { measurement: `create ${count.toLocaleString('en')} secrets via dispatch (total)`, value: totalMs, unit: 'ms' },
    { measurement: 'create one secret via dispatch (mean)', value: (totalMs * 1000) / count, unit: 'µs' },
  ];
}

async function create(core: KeyflowCore, index: number): Promise<void> {
  const response = await core.dispatch('secrets.create', { name: secretName(index), value: secretValue() });
  if (!response.ok) throw new Error(`secrets.create failed for #${index}: ${response.error.code}: ${response.error.message}`);
}
