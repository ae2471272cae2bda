import { secretNameKey, type SecretMeta } from '../../../shared/model/secret';

/** The lowercased forms a secret is searched and sorted by. */
export interface SecretKeys {
  /** The canonical name key main sorts and compares names by. */
  name: string;
  description: string;
}

// Metadata objects are replaced, never mutated, so a key computed once stays right for the object's life.
const cache = new WeakMap<SecretMeta, SecretKeys>();

export function keysOf(secret: SecretMeta): SecretKeys {
  let keys = cache.get(secret);
  if (!keys) {
    keys = { name: secretNameKey(secret.name), description: secret.description.normalize('NFC').toLowerCase() };
    cache.set(secret, keys);
  }
  return keys;
}

/** A search query in the form the keys are in. */
export function queryKey(query: string): string {
  return query.trim().normalize('NFC').toLowerCase();
}
