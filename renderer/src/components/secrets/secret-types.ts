import type { SecretType } from '../../../../shared/model/secret';

export const SECRET_TYPE_LABELS: Readonly<Record<SecretType, string>> = {
  generic: 'Generic',
  sendgrid: 'SendGrid',
  slack: 'Slack',
  mailgun: 'Mailgun',
};
