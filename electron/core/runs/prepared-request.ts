/**
 * Builds the concrete HTTP request of a Send API Request step or an integration action,
 * remembering which secrets each part carries (its URL, each header, its body): the
 * allowed domains of all of them apply, and a cross-origin redirect drops those parts.
 */
import type { HeaderList } from '../../../shared/model/run';
import type { Template } from '../../../shared/model/template';
import type { HttpRequestConfig, Step } from '../../../shared/model/workflow';
import { carriedBy, renderTemplate, type RenderContext } from './render-template';
import { StepError } from './run-error';
import { NO_SECRETS, unionOf, type CarriedSecrets, type SecretIds } from './secret-flow';

export interface PreparedRequest {
  method: string;
  url: URL;
  headers: HeaderList;
  body?: string;
  carried: CarriedSecrets;
  timeoutMs: number;
}

const INTEGRATION_TIMEOUT_MS = 30_000;

class RequestBuilder {
  readonly headers: HeaderList = [];
  private readonly headerCarries = new Map<string, SecretIds>();
  urlCarries: SecretIds = NO_SECRETS;
  private bodyCarries: SecretIds = NO_SECRETS;

  constructor(private readonly context: RenderContext) {}

  render(template: Template): string {
    return renderTemplate(template, this.context);
  }

  /** Renders a template that becomes part of the URL. */
  urlPart(template: Template): string {
    this.urlCarries = unionOf([this.urlCarries, carriedBy(template, this.context)]);
    return this.render(template);
  }

  header(name: string, value: Template | string, carries: SecretIds = typeof value === 'string' ? NO_SECRETS : carriedBy(value, this.context)): void {
    const lower = name.toLowerCase();
    this.headerCarries.set(lower, unionOf([this.headerCarries.get(lower) ?? NO_SECRETS, carries]));
    this.headers.push([name, typeof value === 'string' ? value : this.render(value)]);
  }

  /** A header built from templates (e.g. Basic auth from a username and a password). */
  headerFrom(name: string, templates: readonly Template[], text: (...rendered: string[]) => string): void {
    this.header(name, text(...templates.map((template) => this.render(template))), unionOf(templates.map((template) => carriedBy(template, this.context))));
  }

  body(template: Template): string {
    this.bodyCarries = unionOf([this.bodyCarries, carriedBy(template, this.context)]);
    return this.render(template);
  }

  carried(): CarriedSecrets {
    return { url: this.urlCarries, headers: this.headerCarries, body: this.bodyCarries };
  }
}

function parseUrl(step: Step, index: number, text: string, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw StepError.inField(step, index, field, 'is not a valid URL (it must start with http:// or https://).');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw StepError.inField(step, index, field, 'must use http or https.');
  return url;
}

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

export function prepareHttpRequest(step: Step & { action: 'http.request' }, index: number, context: RenderContext): PreparedRequest {
  const config: HttpRequestConfig = step.config;
  const b = new RequestBuilder(context);
  const url = parseUrl(step, index, b.urlPart(config.url));
  for (const param of config.query) if (param.enabled && param.key) url.searchParams.append(param.key, b.urlPart(param.value));
  for (const header of config.headers) if (header.enabled && header.key) b.header(header.key, header.value);

  const auth = config.auth;
  if (auth.kind === 'bearer') b.headerFrom('Authorization', [auth.token], (token) => `Bearer ${token}`);
  if (auth.kind === 'basic') b.headerFrom('Authorization', [auth.username, auth.password], basic);
  if (auth.kind === 'api-key' && auth.in === 'header') b.header(auth.name, auth.value);
  if (auth.kind === 'api-key' && auth.in === 'query') url.searchParams.append(auth.name, b.urlPart(auth.value));

  let body: string | undefined;
  const hasHeader = (name: string) => b.headers.some(([key]) => key.toLowerCase() === name);
  const bodyConfig = config.body;
  if (bodyConfig.kind === 'json') {
    body = b.body(bodyConfig.text);
    if (!hasHeader('content-type')) b.header('Content-Type', 'application/json');
  } else if (bodyConfig.kind === 'text') {
    body = b.body(bodyConfig.text);
    if (!hasHeader('content-type')) b.header('Content-Type', bodyConfig.contentType || 'text/plain; charset=utf-8');
  } else if (bodyConfig.kind === 'form') {
    const form = new URLSearchParams();
    for (const field of bodyConfig.fields) if (field.enabled && field.key) form.append(field.key, b.body(field.value));
    body = form.toString();
    if (!hasHeader('content-type')) b.header('Content-Type', 'application/x-www-form-urlencoded');
  }
  return { method: config.method, url, headers: b.headers, body, carried: b.carried(), timeoutMs: config.timeoutMs };
}

/** Integration actions: preset requests to a fixed host (overridable only by a test setting). */
export function prepareIntegrationRequest(
  step: Step & { action: 'sendgrid.sendEmail' | 'slack.postMessage' | 'mailgun.sendMessage' },
  index: number,
  context: RenderContext,
  baseUrl: string,
): PreparedRequest {
  const b = new RequestBuilder(context);
  const json = (value: unknown) => {
    b.header('Content-Type', 'application/json');
    return JSON.stringify(value);
  };
  switch (step.action) {
    case 'sendgrid.sendEmail': {
      const c = step.config;
      b.headerFrom('Authorization', [c.apiKey], (key) => `Bearer ${key}`);
      const body = json({
        personalizations: [{ to: [{ email: b.body(c.to) }] }],
        from: { email: b.body(c.from) },
        subject: b.body(c.subject),
        content: [{ type: 'text/plain', value: b.body(c.text) }],
      });
      return finish(new URL('/v3/mail/send', baseUrl), body);
    }
    case 'slack.postMessage': {
      const c = step.config;
      b.headerFrom('Authorization', [c.token], (token) => `Bearer ${token}`);
      return finish(new URL('/api/chat.postMessage', baseUrl), json({ channel: b.body(c.channel), text: b.body(c.text) }));
    }
    case 'mailgun.sendMessage': {
      const c = step.config;
      b.headerFrom('Authorization', [c.apiKey], (key) => basic('api', key));
      b.header('Content-Type', 'application/x-www-form-urlencoded');
      const form = new URLSearchParams({ from: b.body(c.from), to: b.body(c.to), subject: b.body(c.subject), text: b.body(c.text) });
      const domain = encodeURIComponent(b.urlPart(c.domain).trim());
      if (!domain) throw StepError.inField(step, index, 'domain', 'is required.');
      return finish(new URL(`/v3/${domain}/messages`, baseUrl), form.toString());
    }
  }

  function finish(url: URL, body: string): PreparedRequest {
    return { method: 'POST', url, headers: b.headers, body, carried: b.carried(), timeoutMs: INTEGRATION_TIMEOUT_MS };
  }
}
