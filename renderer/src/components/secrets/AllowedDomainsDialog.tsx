import type { SecretMeta } from '../../../../shared/model/secret';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';
import { ALLOWED_DOMAINS_HINT, domainListProblem, formatDomainList, parseDomainList } from './domain-list';

/** The hosts a key may be sent to (secrets.setAllowedDomains). */
export function AllowedDomainsDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const setAllowedDomains = useSecrets((state) => state.setAllowedDomains);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const domains = useTextField(submission, 'allowedDomains', formatDomainList(secret.allowedDomains), domainListProblem);

  return (
    <FormDialog
      title="Allowed Domains"
      description={`Runs refuse to send "${secret.name}" to any other host, in Send API Request and in Run Code's fetch alike.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!domains.problem}
      fields={['allowedDomains']}
      submitLabel="Save domains"
      onSubmit={async () => {
        const updated = await setAllowedDomains(secret.id, parseDomainList(domains.value).domains);
        announce(
          updated.allowedDomains.length === 0 ? `"${updated.name}" may now be sent to any host` : `"${updated.name}" may now be sent only to ${updated.allowedDomains.join(', ')}`,
        );
        onClose();
      }}
    >
      <InputField label="Allowed domains" hint={ALLOWED_DOMAINS_HINT} field={domains} rows={5} mono />
    </FormDialog>
  );
}
