import { useState } from 'react';
import { MAX_ALLOWED_DOMAINS } from '../../../../shared/model/domains';
import { SECRET_DESCRIPTION_MAX, SECRET_TYPES, secretNameProblem, secretValueProblem, type SecretMeta, type SecretType } from '../../../../shared/model/secret';
import { bridge } from '../../bridge/instance';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useAnnouncer } from '../../store/announcer-store';
import { Field } from '../common/Field';
import { CancelButton, FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { SecretValueInput } from '../common/SecretValueInput';
import { ValueWarning } from '../common/ValueWarning';
import { SECRET_TYPE_LABELS } from '../secrets/secret-types';
import { parseDomainList } from './domain-list';
import { adoptSecret } from './secrets-sync';

interface Props {
  /** The type the field that asked takes (preselected). */
  type?: SecretType;
  /** The field the key will be inserted into; none when created from Manage Secret Keys. */
  fieldLabel?: string;
  onCreated?(secret: SecretMeta): void;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

/**
 * Create Secret Key from a field: the Manage panel's form (name, masked value, warning,
 * description) plus the type and allowed domains, inserting the key into the field.
 */
export function CreateKeyDialog({ type: initialType = 'generic', fieldLabel, onCreated, onClose, returnFocusTo }: Props) {
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', '', secretNameProblem);
  const value = useTextField(submission, 'value', '', secretValueProblem);
  const description = useTextField(submission, 'description', '');
  const domains = useTextField(submission, 'allowedDomains', '', (text) => parseDomainList(text).problem);
  const [type, setType] = useState<SecretType>(initialType);

  const typeHint = !fieldLabel
    ? 'Integration keys (SendGrid, Slack, Mailgun) are offered only in their integration’s credential field; generic keys everywhere else.'
    : type === initialType
      ? `${fieldLabel} takes ${initialType === 'generic' ? 'generic' : SECRET_TYPE_LABELS[initialType]} keys.`
      : `${fieldLabel} takes only ${initialType === 'generic' ? 'generic' : SECRET_TYPE_LABELS[initialType]} keys: a ${SECRET_TYPE_LABELS[type]} key won't be inserted there.`;

  return (
    <FormDialog
      title="Create Secret Key"
      description={
        fieldLabel
          ? `Store an API key, token or password. Keyflow encrypts it on this device and inserts it into ${fieldLabel}.`
          : 'Store an API key, token or password. Keyflow encrypts it on this device; workflows use it by name.'
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) =>
          submission.submit(event, !name.problem && !value.problem && !domains.problem, async () => {
            const created = await bridge['secrets.create']({
              name: name.value,
              value: value.value,
              description: description.value.trim() || undefined,
              type,
              allowedDomains: parseDomainList(domains.value).domains,
            });
            value.clear();
            adoptSecret(created);
            announce(`Secret key "${created.name}" created`);
            onClose();
            onCreated?.(created);
          })
        }
      >
        <Field label="Name" hint="For example “Stripe API key”. Unique in this workspace." error={name.error} alert={Boolean(submission.errorFor('name'))}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={name.value}
              onChange={(event) => name.change(event.target.value)}
              onBlur={name.blur}
            />
          )}
        </Field>
        <Field label="Value" error={value.error} alert={Boolean(submission.errorFor('value'))}>
          {(control) => <SecretValueInput {...control} value={value.value} onChange={value.change} onBlur={value.blur} />}
        </Field>
        <ValueWarning />
        <Field label="Type" hint={typeHint} error={submission.errorFor('type')} alert>
          {(control) => (
            <select {...control} className="input select" value={type} onChange={(event) => setType(event.target.value as SecretType)}>
              {SECRET_TYPES.map((option) => (
                <option key={option} value={option}>
                  {SECRET_TYPE_LABELS[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Allowed domains"
          hint={`Optional. Hosts this key may be sent to, one per line (e.g. api.example.com, or *.example.com for its subdomains); up to ${MAX_ALLOWED_DOMAINS}. Empty: any host.`}
          error={domains.error}
          alert={Boolean(submission.errorFor('allowedDomains'))}
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea input-mono"
              rows={2}
              spellCheck={false}
              value={domains.value}
              onChange={(event) => domains.change(event.target.value)}
              onBlur={domains.blur}
            />
          )}
        </Field>
        <Field label="Description" hint="Optional. Where the key comes from or what it is for." error={description.error} alert>
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={2}
              maxLength={SECRET_DESCRIPTION_MAX}
              value={description.value}
              onChange={(event) => description.change(event.target.value)}
            />
          )}
        </Field>
        <FormError message={submission.formError(['name', 'value', 'description', 'allowedDomains', 'type'])} />
        <div className="dialog-actions">
          <CancelButton />
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            Create Secret Key
          </button>
        </div>
      </form>
    </FormDialog>
  );
}
