import type { SecretMeta } from '../../../../shared/model/secret';
import { useSecrets } from '../../store';
import { filterSecrets } from '../../store/filter-secrets';
import { upsertSecret } from '../../store/secret-list';

/**
 * Puts metadata main returned (from a call the secrets store has no action for: a create
 * with a type, allowed domains) into the secrets store, in main's order.
 */
export function adoptSecret(secret: SecretMeta): void {
  useSecrets.setState((state) => {
    const items = upsertSecret(state.items, secret);
    return { items, visible: filterSecrets(items, state.query, state.tab) };
  });
}
