/** A workspace's rules for its keys' values (versions kept, runs with expired keys), on this machine. */
import { DEFAULT_KEY_POLICY, VERSIONS_KEPT_MAX, VERSIONS_KEPT_MIN, type KeyPolicy } from '../../../shared/model/versions';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

export class KeyPolicies {
  private readonly prepare: Prepare;

  constructor(
    db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  get(): KeyPolicy {
    const row = this.prepare<[string], { versions_kept: number; refuse_expired: 0 | 1 }>('SELECT versions_kept, refuse_expired FROM key_policies WHERE workspace_id = ?').get(
      this.workspaceId,
    );
    return row ? { versionsKept: row.versions_kept, refuseExpiredKeys: row.refuse_expired === 1 } : DEFAULT_KEY_POLICY;
  }

  set(policy: KeyPolicy): KeyPolicy {
    if (!Number.isInteger(policy.versionsKept) || policy.versionsKept < VERSIONS_KEPT_MIN || policy.versionsKept > VERSIONS_KEPT_MAX) {
      throw new BridgeError('invalid_request', `Versions kept is a whole number from ${VERSIONS_KEPT_MIN} to ${VERSIONS_KEPT_MAX}.`, 'versionsKept');
    }
    this.prepare(
      `INSERT INTO key_policies (workspace_id, versions_kept, refuse_expired) VALUES (?, ?, ?)
       ON CONFLICT (workspace_id) DO UPDATE SET versions_kept = excluded.versions_kept, refuse_expired = excluded.refuse_expired`,
    ).run(this.workspaceId, policy.versionsKept, policy.refuseExpiredKeys ? 1 : 0);
    return this.get();
  }
}
