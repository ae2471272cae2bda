import { useRef } from 'react';
import type { VaultStatus } from '../../../../shared/model/vault';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { RecoveryKeyOpenForm } from '../recovery/RecoveryKeyOpenForm';
import { useRecoveryStatus } from '../recovery/use-recovery-status';
import { PassphraseSetup } from './PassphraseSetup';
import { SafeStorageChoice } from './SafeStorageChoice';

type Unavailable = Extract<VaultStatus, { state: 'keychain-unavailable' }>;

/** The keychain can't be used: main's problem and remedy as they are, then the explicit alternatives, if any. */
export function KeychainUnavailable({ status }: { status: Unavailable }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef);
  const { problem, remedy, alternatives } = status;
  const recovery = useRecoveryStatus();

  return (
    <section className="screen" aria-labelledby="keychain-heading">
      <h1 id="keychain-heading" className="screen-title" ref={headingRef} tabIndex={-1}>
        Keyflow can&apos;t use your keychain
      </h1>
      <div className="callout callout-warning callout-block">
        <p className="keychain-problem">{problem}</p>
        <p className="keychain-remedy">{remedy}</p>
      </div>
      {alternatives.length === 0 ? (
        <>
          <p>
            {recovery?.key ? 'Fix the keychain' : 'Only fixing the keychain will help'}: this vault already holds secret keys encrypted with the keychain’s key, and protecting it
            another way now would lose them. Once the keychain works again, restart Keyflow.
          </p>
          {recovery?.key && (
            <RecoveryKeyOpenForm needsPassphrase title="Or open it with your recovery key">
              <p>The recovery key opens the vault without the keychain; from then on, a passphrase you choose protects it.</p>
            </RecoveryKeyOpenForm>
          )}
        </>
      ) : (
        <>
          <p>Keyflow never stores secret keys unprotected. Fix the keychain and restart Keyflow, or choose another protection:</p>
          <div className="choices">
            {alternatives.includes('passphrase') && <PassphraseSetup />}
            {alternatives.includes('safe-storage') && <SafeStorageChoice />}
          </div>
        </>
      )}
    </section>
  );
}
