/**
 * A team workspace file as a busy team's would be: N members, secrets with their values
 * wrapped for every member, and workflows using them — built with the project's own
 * signing and wrapping code, authored by a generated Owner.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, type PublicIdentity } from '../shared/model/team';
import { generateDeviceKeys, type DeviceKeys } from '../electron/core/crypto/device-keys';
import { KeyWrapper } from '../electron/core/crypto/key-wrap';
import { GCM_NONCE, gcmSeal } from '../electron/core/crypto/aead';
import { genesisLink, signLink, type ChainChange, type ChainLink } from '../electron/core/team/chain/chain-link';
import { recordHash, signCommit } from '../electron/core/team/records/signed-records';
import { HybridClock } from '../electron/core/team/hybrid-clock';
import { wrapContext } from '../electron/core/team/team-values';
import type { WorkspaceFile } from '../electron/core/team/file/workspace-file';
import { serializeWorkspaceFile, WORKSPACE_FILE_FORMAT } from '../electron/core/team/file/workspace-file';
import type { SecretBody, WorkflowBody } from '../electron/core/team/records/record-bodies';

export interface TeamFixture {
  file: WorkspaceFile;
  owner: DeviceKeys;
  others: DeviceKeys[];
  clock: HybridClock;
  /** The chain links every record was made on. */
  heads: string[];
}

function identityOf(keys: DeviceKeys, name: string): PublicIdentity {
  return { memberId: keys.memberId, name, email: `${name.toLowerCase().replace(/\s/g, '.')}@example.com`, signingKey: keys.signingKey, boxKey: keys.boxKey };
}

export function teamFixture(options: { reader: PublicIdentity; members: number; secrets: number; workflows: number }): TeamFixture {
  const workspaceId = `ws_bench${randomBytes(6).toString('hex')}`;
  const owner = generateDeviceKeys();
  const at = new Date().toISOString();
  const genesis = genesisLink(owner, identityOf(owner, 'Owner'), workspaceId, 'Bench team', DEFAULT_SETTINGS, at);
  const others = Array.from({ length: options.members - 2 }, () => generateDeviceKeys());
  const invitations: ChainChange[] = [
    { type: 'add-member', member: options.reader, role: 'admin' },
    ...others.map((keys, index) => ({ type: 'add-member' as const, member: identityOf(keys, `Member ${index + 1}`), role: 'editor' as const })),
  ];
  const members = signLink(workspaceId, owner, [genesis.id], invitations, at);
  const secretIds = Array.from({ length: options.secrets }, (_, i) => `sec_bench${String(i).padStart(6, '0')}`);
  const keys = signLink(
    workspaceId,
    owner,
    [members.id],
    secretIds.map((keyId) => ({ type: 'create-key', keyId, access: { kind: 'team' }, visibility: 'hidden' })),
    at,
  );
  const chain: ChainLink[] = [genesis, members, keys];
  const recipients = [identityOf(owner, 'Owner'), options.reader, ...others.map((k, i) => identityOf(k, `Member ${i + 1}`))];

  const clock = new HybridClock(owner.memberId);
  const wrapper = new KeyWrapper();
  const records: string[] = [];
  for (const [i, id] of secretIds.entries()) {
    const dataKey = randomBytes(32);
    const context = { workspaceId, secretId: id, version: 1 };
    const nonce = randomBytes(GCM_NONCE);
    const [sealed, tag] = gcmSeal(dataKey, nonce, Buffer.from(`bench-value-${i}-${randomBytes(12).toString('hex')}`), Buffer.from(`keyflow/team-value/v1|${workspaceId}|${id}|1`));
    const body: SecretBody = {
      name: `Secret ${i}`,
      description: '',
      type: 'generic',
      allowedDomains: [],
      updatedBy: 'Owner',
      updatedAt: at,
      values: {
        default: {
          valueVersion: 1,
          hint: null,
          value: {
            data: Buffer.concat([nonce, sealed, tag]).toString('base64url'),
            epks: [wrapper.epk],
            wraps: Object.fromEntries(recipients.map((member) => [member.memberId, `0.${wrapper.wrap(dataKey, member, wrapContext(context))}`])),
          },
        },
      },
    };
    records.push(JSON.stringify({ id, kind: 'secret', clock: clock.tick(), author: owner.memberId, body }));
  }
  for (let i = 0; i < options.workflows; i++)
    records.push(workflowRecord(owner, clock, `wf_bench${String(i).padStart(6, '0')}`, `Workflow ${i}`, secretIds[i % secretIds.length]!, at));
  const heads = [keys.id];
  const file: WorkspaceFile = { format: WORKSPACE_FILE_FORMAT, workspaceId, genesis: genesis.id, chain: chain.map((link) => link.stored), commits: [], records, audit: [] };
  commitAll(file, owner, heads, records);
  return { file, owner, others, clock, heads };
}

/** Signs `records` (texts already in `file`) in one commit by `author`, as Keyflow does when it writes. */
export function commitAll(file: WorkspaceFile, author: DeviceKeys, heads: string[], records: string[]): void {
  file.commits.push(
    signCommit(
      file.workspaceId,
      author,
      new Date().toISOString(),
      heads,
      records.map((text) => recordHash(file.workspaceId, text)),
    ).stored,
  );
}

/** A workflow of one Send API Request step whose bearer token is the key `secretId`. */
export function requestDefinition(stepId: string, secretId: string): WorkflowBody['definition'] {
  return {
    trigger: { kind: 'manual' },
    steps: [
      {
        id: stepId,
        name: 'Call',
        action: 'http.request',
        config: {
          method: 'GET',
          url: [{ kind: 'text', text: 'https://api.example.com/items' }],
          query: [],
          headers: [],
          body: { kind: 'none' },
          auth: { kind: 'bearer', token: [{ kind: 'secret', secretId }] },
          timeoutMs: 10_000,
        },
      },
    ],
  };
}

/** A workflow record's text. */
export function workflowRecord(author: DeviceKeys, clock: HybridClock, id: string, name: string, secretId: string, at: string): string {
  const body: WorkflowBody = {
    name,
    createdAt: at,
    updatedAt: at,
    definition: requestDefinition(`step_${id}`, secretId),
  };
  return JSON.stringify({ id, kind: 'workflow', clock: clock.tick(), author: author.memberId, body });
}

export function writeFixture(path: string, file: WorkspaceFile): void {
  writeFileSync(path, serializeWorkspaceFile(file));
}
