import type { SecretType } from '../../../../shared/model/secret';

export const SECRET_TYPE_LABELS: Readonly<Record<SecretType, string>> = {
  generic: 'Generic',
  sendgrid: 'SendGrid',
  slack: 'Slack',
  mailgun: 'Mailgun',
};

/** The type inside a sentence: "takes only generic keys", "a SendGrid key". */
export function typeInText(type: SecretType): string {
  return type === 'generic' ? 'generic' : SECRET_TYPE_LABELS[type];
}
