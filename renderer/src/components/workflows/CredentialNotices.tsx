import { ruleInfo } from '../../../../shared/detection/rules';
import { credentialLabel } from '../security/credential-label';
import { valueHint } from '../../../../shared/model/team';
import { KeyIcon } from './icons';

export interface NoticedCredential {
  ruleId: string;
  value: string;
  fingerprint: string;
}

interface Props {
  credentials: readonly NoticedCredential[];
  /** The field, as people read it. */
  fieldLabel: string;
  /** Absent when the person can't create keys (or only views the workflow). */
  onConvert?: (credential: NoticedCredential) => void;
  onKeep?: (credential: NoticedCredential) => void;
}

/**
 * Under a field holding a credential in plain text: what it looks like, and the two
 * choices — Convert to secret key (the literal becomes the key's chip) or Keep as plain
 * text. Until one is made for each, the workflow is not saved.
 */
export function CredentialNotices({ credentials, fieldLabel, onConvert, onKeep }: Props) {
  if (credentials.length === 0) return null;
  return (
    <ul className="credential-notices" aria-label={`Credentials in plain text in ${fieldLabel}`}>
      {credentials.map((credential) => (
        <li key={credential.fingerprint} className="credential-notice">
          <KeyIcon />
          <span className="credential-notice-text">
            This looks like a {credentialLabel(ruleInfo(credential.ruleId).name.toLowerCase(), valueHint(credential.value, 'masked'))}. It won’t be saved as plain text unless you
            say so.
          </span>
          {onConvert && (
            <button type="button" className="button button-primary button-small" onClick={() => onConvert(credential)}>
              Convert to secret key
            </button>
          )}
          {onKeep && (
            <button type="button" className="button button-ghost button-small" onClick={() => onKeep(credential)}>
              Keep as plain text
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
