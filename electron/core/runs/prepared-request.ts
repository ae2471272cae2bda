/**
 * Builds the concrete HTTP request of a Send API Request step or an integration action,
 * remembering which parts carry a secret (so a cross-origin redirect can drop them).
 */
import type { HeaderList } from '../../../shared/model/run';
import type { Template } from '../../../shared/model/template';
import type { HttpRequestConfig, Step } from '../../../shared/model/workflow';
import { renderTemplate, usesSecret, type RenderContext } from './render-template';
import { StepError } from './run-error';

export interface PreparedRequest {
  method: string;
  url: URL;
  headers: HeaderList;
  body?: string;
  /** Lower-case names of headers whose value came from a secret. */
  secretHeaders: Set<string>;
  bodyCarriesSecret: boolean;
  timeoutMs: number;
}

const INTEGRATION_TIMEOUT_MS = 30_000;

class RequestBuilder {
  readonly headers: HeaderList = [];
  readonly secretHeaders = new Set<string>();
  bodyCarriesSecret = false;

  constructor(private readonly context: RenderContext) {}

  render(template: Template): string {
    return renderTemplate(template, this.context);
  }

  header(name: string, value: Template | string): void {
    const text = typeof value === 'string' ? value : this.render(value);
    if (typeof value !== 'string' && usesSecret(value)) this.secretHeaders.add(name.toLowerCase());
    this.headers.push([name, text]);
  }

  secretHeader(name: string, text: string): void {
    this.secretHeaders.add(name.toLowerCase());
    this.headers.push([name, text]);
  }

  body(template: Template): string {
    if (usesSecret(template)) this.bodyCarriesSecret = true;
    return this.render(template);
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
  const url = parseUrl(step, index, b.render(config.url));
  for (const param of config.query) if (param.enabled && param.key) url.searchParams.append(param.key, b.render(param.value));
  for (const header of config.headers) if (header.enabled && header.key) b.header(header.key, header.value);

  const auth = config.auth;
  if (auth.kind === 'bearer') b.secretHeader('Authorization', `Bearer ${b.render(auth.token)}`);
  if (auth.kind === 'basic') b.secretHeader('Authorization', basic(b.render(auth.username), b.render(auth.password)));
  if (auth.kind === 'api-key' && auth.in === 'header') b.secretHeader(auth.name, b.render(auth.value));
  if (auth.kind === 'api-key' && auth.in === 'query') url.searchParams.append(auth.name, b.render(auth.value));

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
  return { method: config.method, url, headers: b.headers, body, secretHeaders: b.secretHeaders, bodyCarriesSecret: b.bodyCarriesSecret, timeoutMs: config.timeoutMs };
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
      b.secretHeader('Authorization', `Bearer ${b.render(c.apiKey)}`);
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
      b.secretHeader('Authorization', `Bearer ${b.render(c.token)}`);
      return finish(new URL('/api/chat.postMessage', baseUrl), json({ channel: b.body(c.channel), text: b.body(c.text) }));
    }
    case 'mailgun.sendMessage': {
      const c = step.config;
      b.secretHeader('Authorization', basic('api', b.render(c.apiKey)));
      b.header('Content-Type', 'application/x-www-form-urlencoded');
      const form = new URLSearchParams({ from: b.body(c.from), to: b.body(c.to), subject: b.body(c.subject), text: b.body(c.text) });
      const domain = encodeURIComponent(b.render(c.domain).trim());
      if (!domain) throw StepError.inField(step, index, 'domain', 'is required.');
      return finish(new URL(`/v3/${domain}/messages`, baseUrl), form.toString());
    }
  }

  function finish(url: URL, body: string): PreparedRequest {
    return { method: 'POST', url, headers: b.headers, body, secretHeaders: b.secretHeaders, bodyCarriesSecret: b.bodyCarriesSecret, timeoutMs: INTEGRATION_TIMEOUT_MS };
  }
}
