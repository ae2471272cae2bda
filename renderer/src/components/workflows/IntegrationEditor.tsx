import { ACTIONS } from '../../../../shared/model/actions';
import type { Template } from '../../../../shared/model/template';
import type { Step } from '../../../../shared/model/workflow';
import { SECRET_TYPE_LABELS } from '../secrets/secret-types';
import { useConfigEditor } from './editor-fields';
import { TemplateField } from './TemplateField';

type IntegrationStep = Extract<Step, { action: 'sendgrid.sendEmail' | 'slack.postMessage' | 'mailgun.sendMessage' }>;

const FIELDS: Record<IntegrationStep['action'], { field: string; multiline?: boolean; placeholder?: string }[]> = {
  'sendgrid.sendEmail': [
    { field: 'apiKey' },
    { field: 'from', placeholder: 'sender@example.com' },
    { field: 'to', placeholder: 'recipient@example.com' },
    { field: 'subject' },
    { field: 'text', multiline: true },
  ],
  'slack.postMessage': [{ field: 'token' }, { field: 'channel', placeholder: '#general or C0123456789' }, { field: 'text', multiline: true }],
  'mailgun.sendMessage': [
    { field: 'apiKey' },
    { field: 'domain', placeholder: 'mg.example.com' },
    { field: 'from', placeholder: 'Sender <sender@mg.example.com>' },
    { field: 'to', placeholder: 'recipient@example.com' },
    { field: 'subject' },
    { field: 'text', multiline: true },
  ],
};

/** SendGrid, Slack, Mailgun: preset requests to a fixed host; the credential field takes only that integration's keys. */
export function IntegrationEditor({ step }: { step: IntegrationStep }) {
  const update = useConfigEditor<Record<string, Template>>(step);
  const info = ACTIONS[step.action];
  const config = step.config as Record<string, Template>;
  return (
    <div className="editor">
      <p className="note">
        Sends to <span className="mono">{info.host}</span>.
      </p>
      {FIELDS[step.action].map(({ field, multiline, placeholder }) => (
        <TemplateField
          key={field}
          step={step}
          field={field}
          multiline={multiline}
          placeholder={placeholder}
          value={config[field] ?? []}
          hint={info.credential?.field === field ? `Takes only ${SECRET_TYPE_LABELS[info.credential.type]} secret keys. Use + to insert one.` : undefined}
          onChange={(value, key) => update((c) => ({ ...c, [field]: value }), key)}
        />
      ))}
    </div>
  );
}
