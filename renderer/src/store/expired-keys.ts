import { rotationState, type RotationState } from '../../../shared/model/rotation';
import type { SecretMeta } from '../../../shared/model/secret';
import { secretIdsIn } from '../../../shared/model/template';
import { templatesOf, type Step } from '../../../shared/model/workflow';

/** The keys a workflow's steps use that are overdue now (past their expiry or rotation date), in the order the steps use them. */
export function overdueKeysIn(steps: readonly Step[], secrets: readonly SecretMeta[], now: Date): { secret: SecretMeta; state: RotationState }[] {
  const byId = new Map(secrets.map((secret) => [secret.id, secret]));
  const seen = new Set<string>();
  const overdue: { secret: SecretMeta; state: RotationState }[] = [];
  for (const step of steps) {
    for (const { template } of templatesOf(step)) {
      for (const id of secretIdsIn(template)) {
        const secret = byId.get(id);
        if (!secret || seen.has(id)) continue;
        seen.add(id);
        const state = rotationState(secret, now);
        if (state?.status === 'overdue') overdue.push({ secret, state });
      }
    }
  }
  return overdue;
}
