/**
 * The catalogue of what detection knows: each rule's people-facing name, the kind of key
 * it proposes, and the hosts such a key is used with (proposed as allowed domains when a
 * credential arrives without a request, e.g. from a .env file).
 */
import { secretNameKey, SECRET_NAME_MAX, type SecretType } from '../model/secret';

export interface RuleInfo {
  /** What was found, e.g. "GitHub token". Also the proposed key name. */
  name: string;
  type: SecretType;
  hosts: string[];
}

const SECRETLINT = '@secretlint/secretlint-rule-';

export const RULES: Record<string, RuleInfo> = {
  [`${SECRETLINT}aws:AWSAccessKeyID`]: { name: 'AWS access key ID', type: 'generic', hosts: ['*.amazonaws.com'] },
  [`${SECRETLINT}aws:AWSSecretAccessKey`]: { name: 'AWS secret access key', type: 'generic', hosts: ['*.amazonaws.com'] },
  [`${SECRETLINT}aws:AWSAccountID`]: { name: 'AWS account ID', type: 'generic', hosts: ['*.amazonaws.com'] },
  [`${SECRETLINT}gcp:PrivateKeyJSON`]: { name: 'Google Cloud service account key', type: 'generic', hosts: ['*.googleapis.com'] },
  [`${SECRETLINT}npm:NPM_ACCESS_TOKEN`]: { name: 'npm access token', type: 'generic', hosts: ['registry.npmjs.org'] },
  [`${SECRETLINT}npm:Npmrc_authToken`]: { name: 'npm auth token', type: 'generic', hosts: ['registry.npmjs.org'] },
  [`${SECRETLINT}npm:PackageJSON_xOauthToken`]: { name: 'GitHub token', type: 'generic', hosts: ['api.github.com'] },
  [`${SECRETLINT}slack:SLACK_TOKEN`]: { name: 'Slack token', type: 'slack', hosts: ['slack.com'] },
  [`${SECRETLINT}slack:IncomingWebhook`]: { name: 'Slack webhook URL', type: 'generic', hosts: ['hooks.slack.com'] },
  [`${SECRETLINT}basicauth:BasicAuth`]: { name: 'Password in a URL', type: 'generic', hosts: [] },
  [`${SECRETLINT}openai:OPENAI_TOKEN`]: { name: 'OpenAI API key', type: 'generic', hosts: ['api.openai.com'] },
  [`${SECRETLINT}anthropic:ANTHROPIC_API_KEY`]: { name: 'Anthropic API key', type: 'generic', hosts: ['api.anthropic.com'] },
  [`${SECRETLINT}linear:LINEAR_API_TOKEN`]: { name: 'Linear API key', type: 'generic', hosts: ['api.linear.app'] },
  [`${SECRETLINT}privatekey:PrivateKey`]: { name: 'Private key', type: 'generic', hosts: [] },
  [`${SECRETLINT}sendgrid:SENDGRID_KEY`]: { name: 'SendGrid API key', type: 'sendgrid', hosts: ['api.sendgrid.com'] },
  [`${SECRETLINT}shopify:SHOPIFY_KEY`]: { name: 'Shopify access token', type: 'generic', hosts: ['*.myshopify.com'] },
  [`${SECRETLINT}github:GITHUB_TOKEN`]: { name: 'GitHub token', type: 'generic', hosts: ['api.github.com'] },
  [`${SECRETLINT}1password:OPS_TOKEN`]: { name: '1Password service account token', type: 'generic', hosts: [] },
  [`${SECRETLINT}database-connection-string:MongoDBConnection`]: { name: 'MongoDB password', type: 'generic', hosts: [] },
  [`${SECRETLINT}database-connection-string:MySQLConnection`]: { name: 'MySQL password', type: 'generic', hosts: [] },
  [`${SECRETLINT}database-connection-string:PostgreSQLConnection`]: { name: 'PostgreSQL password', type: 'generic', hosts: [] },
  'keyflow/stripe-live': { name: 'Stripe live secret key', type: 'generic', hosts: ['api.stripe.com'] },
  'keyflow/stripe-test': { name: 'Stripe test secret key', type: 'generic', hosts: ['api.stripe.com'] },
  'keyflow/stripe-webhook': { name: 'Stripe webhook signing secret', type: 'generic', hosts: [] },
  'keyflow/mailgun': { name: 'Mailgun API key', type: 'mailgun', hosts: ['api.mailgun.net', 'api.eu.mailgun.net'] },
  'keyflow/jwt': { name: 'JSON Web Token', type: 'generic', hosts: [] },
  'keyflow/bearer': { name: 'Bearer token', type: 'generic', hosts: [] },
  'keyflow/basic': { name: 'Basic auth credentials', type: 'generic', hosts: [] },
  'keyflow/authorization': { name: 'Authorization credential', type: 'generic', hosts: [] },
  'keyflow/api-key-header': { name: 'API key', type: 'generic', hosts: [] },
  'keyflow/password': { name: 'Password', type: 'generic', hosts: [] },
  'keyflow/credential-field': { name: 'Credential', type: 'generic', hosts: [] },
  'keyflow/sensitive-name': { name: 'Secret value', type: 'generic', hosts: [] },
  'keyflow/postman-secret': { name: 'Secret variable', type: 'generic', hosts: [] },
  'keyflow/random-value': { name: 'Random-looking value', type: 'generic', hosts: [] },
};

export function ruleInfo(ruleId: string): RuleInfo {
  return RULES[ruleId] ?? { name: 'Credential', type: 'generic', hosts: [] };
}

/** Rules that know a credential by where it sits, not by its format: their keys are named after the host too. */
const POSITIONAL = new Set([
  'keyflow/bearer',
  'keyflow/basic',
  'keyflow/authorization',
  'keyflow/api-key-header',
  'keyflow/password',
  'keyflow/credential-field',
  'keyflow/sensitive-name',
  'keyflow/postman-secret',
  'keyflow/random-value',
]);

export function isPositionalRule(ruleId: string): boolean {
  return POSITIONAL.has(ruleId);
}

/** The name proposed for a key: the variable it came from, else the rule's name ("api.example.com bearer token" when only its position gave it away). */
export function proposedKeyName(ruleId: string, host: string | null, variable: string | null = null): string {
  if (variable) return variable;
  const { name } = ruleInfo(ruleId);
  return POSITIONAL.has(ruleId) && host ? `${host} ${name.toLowerCase()}` : name;
}

/** `name`, or `name (2)`, `name (3)`… — the first not in `taken` (compared as key names are); marks it taken. */
export function uniqueName(name: string, taken: Set<string>): string {
  const base = name.trim().slice(0, SECRET_NAME_MAX - 5) || 'Imported key';
  let candidate = base;
  for (let n = 2; taken.has(secretNameKey(candidate)); n++) candidate = `${base} (${n})`;
  taken.add(secretNameKey(candidate));
  return candidate;
}
