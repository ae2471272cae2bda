import type { SecretMeta } from '../../../shared/model/secret';
import { keysOf } from './secret-keys';

/**
 * The list with `secret` in place of the entry with its id (or added), kept in main's
 * order: by name key. `items` must already be in that order.
 */
export function upsertSecret(items: readonly SecretMeta[], secret: SecretMeta): SecretMeta[] {
  const name = keysOf(secret).name;
  const next: SecretMeta[] = [];
  let placed = false;
  for (const item of items) {
    if (item.id === secret.id) continue;
    if (!placed && keysOf(item).name > name) {
      next.push(secret);
      placed = true;
    }
    next.push(item);
  }
  if (!placed) next.push(secret);
  return next;
}

export function removeSecret(items: readonly SecretMeta[], id: string): SecretMeta[] {
  return items.filter((item) => item.id !== id);
}
