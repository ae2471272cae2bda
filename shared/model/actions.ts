/**
 * The catalogue of actions: what the builder offers, how each starts, which secret type
 * each field accepts, and how fields are named to people. Integration actions are preset
 * requests to a fixed host; their key field takes only a secret of their own type.
 */
import type { SecretType } from './secret';
import type { ActionId, Step } from './workflow';

export interface ActionInfo {
  id: ActionId;
  label: string;
  description: string;
  /** The field that carries the integration's credential, and the secret type it needs. */
  credential?: { field: string; type: Exclude<SecretType, 'generic'> };
  /** The fixed host an integration talks to. */
  host?: string;
}

export const ACTIONS: Record<ActionId, ActionInfo> = {
  'http.request': { id: 'http.request', label: 'Send API Request', description: 'Call any HTTP API.' },
  'code.run': { id: 'code.run', label: 'Run Code', description: 'Run JavaScript in a sandbox.' },
  'sendgrid.sendEmail': {
    id: 'sendgrid.sendEmail',
    label: 'SendGrid: Send Email',
    description: 'Send an email through SendGrid.',
    credential: { field: 'apiKey', type: 'sendgrid' },
    host: 'api.sendgrid.com',
  },
  'slack.postMessage': {
    id: 'slack.postMessage',
    label: 'Slack: Post Message',
    description: 'Post a message to a Slack channel.',
    credential: { field: 'token', type: 'slack' },
    host: 'slack.com',
  },
  'mailgun.sendMessage': {
    id: 'mailgun.sendMessage',
    label: 'Mailgun: Send Message',
    description: 'Send an email through Mailgun.',
    credential: { field: 'apiKey', type: 'mailgun' },
    host: 'api.mailgun.net',
  },
};

/** The secret type a field of an action accepts: the integration's own type for its credential field, generic elsewhere. */
export function acceptedSecretType(action: ActionId, field: string): SecretType {
  const credential = ACTIONS[action].credential;
  return credential && credential.field === field ? credential.type : 'generic';
}

const FIELD_NAMES: Record<string, string> = {
  url: 'URL',
  'body.text': 'Body',
  'auth.token': 'Bearer token',
  'auth.username': 'Basic auth username',
  'auth.password': 'Basic auth password',
  'auth.value': 'API key value',
  apiKey: 'API key',
  token: 'Token',
  channel: 'Channel',
  text: 'Text',
  from: 'From',
  to: 'To',
  subject: 'Subject',
  domain: 'Domain',
};

/** A field path (e.g. "headers.1.value") as people read it (e.g. "Headers › Authorization"). */
export function fieldLabel(step: Step, field: string): string {
  const named = FIELD_NAMES[field];
  if (named) return named;
  const row = /^(query|headers|variables|body\.fields)\.(\d+)\.value$/.exec(field);
  if (row) {
    const [, list, index] = row;
    const config = step.config as Record<string, unknown>;
    const items = (list === 'body.fields' ? (config.body as { fields?: unknown[] }).fields : config[list!]) as { key?: string; name?: string }[] | undefined;
    const item = items?.[Number(index)];
    const title = { query: 'Query parameter', headers: 'Header', variables: 'Variable', 'body.fields': 'Form field' }[list!];
    return `${title} ${item?.key ?? item?.name ?? `#${Number(index) + 1}`}`;
  }
  return field;
}
