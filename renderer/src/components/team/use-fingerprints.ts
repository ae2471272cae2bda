import { useEffect, useState } from 'react';
import { fingerprintOf, type PublicKeyPair } from '../../format/fingerprint';

/** Each identity's fingerprint (a member's, a device's), recomputed from its public keys, by `idOf` (empty until computed). */
export function useFingerprints<T extends PublicKeyPair>(items: readonly T[], idOf: (item: T) => string): ReadonlyMap<string, string> {
  const [fingerprints, setFingerprints] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    void Promise.all(items.map(async (item) => [idOf(item), await fingerprintOf(item)] as const)).then(
      (entries) => current && setFingerprints(new Map(entries)),
      () => undefined,
    );
    return () => {
      current = false;
    };
    // idOf is a plain accessor: the fingerprints change only with the items.
  }, [items]);
  return fingerprints;
}
