import { MAX_ALLOWED_DOMAINS } from '../../../../shared/model/domains';
import type { SecretMeta } from '../../../../shared/model/secret';
import { bridge } from '../../bridge/instance';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useAnnouncer } from '../../store/announcer-store';
import { Field } from '../common/Field';
import { CancelButton, FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { formatDomainList, parseDomainList } from './domain-list';
import { adoptSecret } from './secrets-sync';

interface Props {
  secret: SecretMeta;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

/** The hosts a key may be sent to (secrets.setAllowedDomains). */
export function AllowedDomainsDialog({ secret, onClose, returnFocusTo }: Props) {
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const domains = useTextField(submission, 'allowedDomains', formatDomainList(secret.allowedDomains), (text) => parseDomainList(text).problem);

  return (
    <FormDialog
      title="Allowed Domains"
      description={`Runs refuse to send "${secret.name}" to any other host, in Send API Request and in Run Code's fetch alike.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) =>
          submission.submit(event, !domains.problem, async () => {
            const updated = await bridge['secrets.setAllowedDomains']({ id: secret.id, allowedDomains: parseDomainList(domains.value).domains });
            adoptSecret(updated);
            announce(
              updated.allowedDomains.length === 0
                ? `"${updated.name}" may now be sent to any host`
                : `"${updated.name}" may now be sent only to ${updated.allowedDomains.join(', ')}`,
            );
            onClose();
          })
        }
      >
        <Field
          label="Allowed domains"
          hint={`One host per line: api.example.com for that host, *.example.com for its subdomains; up to ${MAX_ALLOWED_DOMAINS}. Leave empty to allow any host.`}
          error={domains.error}
          alert={Boolean(submission.errorFor('allowedDomains'))}
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea input-mono"
              rows={5}
              spellCheck={false}
              value={domains.value}
              onChange={(event) => domains.change(event.target.value)}
              onBlur={domains.blur}
            />
          )}
        </Field>
        <FormError message={submission.formError(['allowedDomains'])} />
        <div className="dialog-actions">
          <CancelButton />
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            Save domains
          </button>
        </div>
      </form>
    </FormDialog>
  );
}
