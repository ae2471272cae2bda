import { useState } from 'react';
import type { NewRecoveryKit } from '../../../../shared/model/recovery';
import { asBridgeError } from '../../bridge/failure';
import { useRecovery } from '../../store';

export interface KitMaker {
  /** The kit just made, while its dialog is open: the only place the key is held. */
  kit: NewRecoveryKit | null;
  pending: boolean;
  problem: string | null;
  make(): Promise<void>;
  /** The dialog closed: the key is let go. */
  close(): void;
}

/** Making a recovery kit (a new key, replacing any earlier one) and holding it for its dialog. */
export function useKitMaker(): KitMaker {
  const create = useRecovery((state) => state.create);
  const [kit, setKit] = useState<NewRecoveryKit | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    kit,
    pending,
    problem,
    async make() {
      setPending(true);
      setProblem(null);
      try {
        setKit(await create());
      } catch (error) {
        setProblem(`No recovery kit was made: ${asBridgeError(error).message}`);
      } finally {
        setPending(false);
      }
    },
    close: () => setKit(null),
  };
}
