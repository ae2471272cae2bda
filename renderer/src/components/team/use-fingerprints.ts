import { useEffect, useState } from 'react';
import type { Member } from '../../../../shared/model/team';
import { fingerprintOf } from '../../format/fingerprint';

/** Each member's fingerprint, recomputed from their public keys (empty until computed). */
export function useFingerprints(members: readonly Member[]): ReadonlyMap<string, string> {
  const [fingerprints, setFingerprints] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    void Promise.all(members.map(async (member) => [member.memberId, await fingerprintOf(member)] as const)).then(
      (entries) => current && setFingerprints(new Map(entries)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [members]);
  return fingerprints;
}
