import { useId } from 'react';
import type { Template } from '../../../../shared/model/template';
import { HTTP_METHODS, type HttpRequestConfig, type Step } from '../../../../shared/model/workflow';
import { Field } from '../common/Field';
import { NumberField, useConfigEditor } from './editor-fields';
import { KeyValueTable } from './KeyValueTable';
import { TemplateField } from './TemplateField';
import { headerSetByAuth } from './request-checks';

type HttpStep = Extract<Step, { action: 'http.request' }>;
type Body = HttpRequestConfig['body'];
type Auth = HttpRequestConfig['auth'];

const BODY_KINDS: { kind: Body['kind']; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'json', label: 'JSON' },
  { kind: 'text', label: 'Text' },
  { kind: 'form', label: 'Form' },
];

const AUTH_KINDS: { kind: Auth['kind']; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'bearer', label: 'Bearer token' },
  { kind: 'basic', label: 'Basic auth' },
  { kind: 'api-key', label: 'API key' },
];

const emptyRow = () => ({ key: '', value: [], enabled: true });

/** Keeps what can be kept when the body kind changes (the text between JSON and Text). */
function bodyOf(kind: Body['kind'], previous: Body): Body {
  const text: Template = previous.kind === 'json' || previous.kind === 'text' ? previous.text : [];
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'json':
      return { kind: 'json', text };
    case 'text':
      return { kind: 'text', text, contentType: previous.kind === 'text' ? previous.contentType : 'text/plain' };
    case 'form':
      return { kind: 'form', fields: previous.kind === 'form' ? previous.fields : [] };
  }
}

function authOf(kind: Auth['kind']): Auth {
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'bearer':
      return { kind: 'bearer', token: [] };
    case 'basic':
      return { kind: 'basic', username: [], password: [] };
    case 'api-key':
      return { kind: 'api-key', in: 'header', name: 'X-API-Key', value: [] };
  }
}

/** Send API Request: method, URL, query, headers, body, auth helper, timeout. */
export function HttpRequestEditor({ step }: { step: HttpStep }) {
  const config = step.config;
  const update = useConfigEditor<HttpRequestConfig>(step);
  const bodyName = useId();
  const key = (field: string) => `${step.id}:${field}`;
  const clash = headerSetByAuth(config);
  const clashName = clash >= 0 ? config.headers[clash]!.key.trim() : '';

  return (
    <div className="editor">
      <div className="editor-row">
        <div className="editor-method">
          <Field label="Method">
            {(control) => (
              <select
                {...control}
                className="input select"
                value={config.method}
                onChange={(event) => update((c) => ({ ...c, method: event.target.value as HttpRequestConfig['method'] }))}
              >
                {HTTP_METHODS.map((method) => (
                  <option key={method}>{method}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="editor-grow">
          <TemplateField step={step} field="url" value={config.url} placeholder="https://api.example.com/v1/items" onChange={(url, k) => update((c) => ({ ...c, url }), k)} />
        </div>
      </div>

      <KeyValueTable
        step={step}
        list="query"
        title="Query parameters"
        noun="query parameter"
        rows={config.query}
        newRow={emptyRow}
        onChange={(query, k) => update((c) => ({ ...c, query }), k)}
      />
      <KeyValueTable
        step={step}
        list="headers"
        title="Headers"
        noun="header"
        keyPlaceholder="Header name"
        rows={config.headers}
        newRow={emptyRow}
        onChange={(headers, k) => update((c) => ({ ...c, headers }), k)}
        rowWarning={(index) => (index === clash ? `Authentication below sets ${clashName} too: the server would read only one of them.` : null)}
      />

      <fieldset className="editor-section">
        <legend className="editor-section-title">Body</legend>
        <div className="segmented" role="radiogroup" aria-label="Body type">
          {BODY_KINDS.map(({ kind, label }) => (
            <label key={kind} className="segmented-option">
              <input type="radio" name={bodyName} value={kind} checked={config.body.kind === kind} onChange={() => update((c) => ({ ...c, body: bodyOf(kind, c.body) }))} />
              <span>{label}</span>
            </label>
          ))}
        </div>
        {config.body.kind === 'json' && (
          <TemplateField
            step={step}
            field="body.text"
            multiline
            value={config.body.text}
            placeholder={'{ "name": "value" }'}
            hint="Sent with Content-Type: application/json."
            onChange={(text, k) => update((c) => ({ ...c, body: { kind: 'json', text } }), k)}
          />
        )}
        {config.body.kind === 'text' && (
          <>
            <Field label="Content type">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="text"
                  spellCheck={false}
                  value={config.body.kind === 'text' ? config.body.contentType : ''}
                  onChange={(event) => update((c) => (c.body.kind === 'text' ? { ...c, body: { ...c.body, contentType: event.target.value } } : c), key('body.contentType'))}
                />
              )}
            </Field>
            <TemplateField
              step={step}
              field="body.text"
              multiline
              value={config.body.text}
              onChange={(text, k) => update((c) => (c.body.kind === 'text' ? { ...c, body: { ...c.body, text } } : c), k)}
            />
          </>
        )}
        {config.body.kind === 'form' && (
          <KeyValueTable
            step={step}
            list="body.fields"
            title="Form fields"
            noun="form field"
            rows={config.body.fields}
            newRow={emptyRow}
            onChange={(fields, k) => update((c) => ({ ...c, body: { kind: 'form', fields } }), k)}
          />
        )}
      </fieldset>

      <fieldset className="editor-section">
        <legend className="editor-section-title">Authentication</legend>
        <Field label="Authentication type">
          {(control) => (
            <select
              {...control}
              className="input select"
              value={config.auth.kind}
              onChange={(event) => update((c) => ({ ...c, auth: authOf(event.target.value as Auth['kind']) }))}
            >
              {AUTH_KINDS.map(({ kind, label }) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {clash >= 0 && (
          <p className="callout callout-warning" role="status">
            The header “{clashName}” under Headers is also set here. Both would be sent and servers read only one: remove that header, or set Authentication to None.
          </p>
        )}
        {config.auth.kind === 'bearer' && (
          <TemplateField
            step={step}
            field="auth.token"
            value={config.auth.token}
            hint="Sent as Authorization: Bearer <token>."
            onChange={(token, k) => update((c) => ({ ...c, auth: { kind: 'bearer', token } }), k)}
          />
        )}
        {config.auth.kind === 'basic' && (
          <>
            <TemplateField
              step={step}
              field="auth.username"
              value={config.auth.username}
              onChange={(username, k) => update((c) => (c.auth.kind === 'basic' ? { ...c, auth: { ...c.auth, username } } : c), k)}
            />
            <TemplateField
              step={step}
              field="auth.password"
              value={config.auth.password}
              onChange={(password, k) => update((c) => (c.auth.kind === 'basic' ? { ...c, auth: { ...c.auth, password } } : c), k)}
            />
          </>
        )}
        {config.auth.kind === 'api-key' && (
          <>
            <div className="editor-row">
              <Field label="Send API key in">
                {(control) => (
                  <select
                    {...control}
                    className="input select"
                    value={config.auth.kind === 'api-key' ? config.auth.in : 'header'}
                    onChange={(event) => update((c) => (c.auth.kind === 'api-key' ? { ...c, auth: { ...c.auth, in: event.target.value as 'header' | 'query' } } : c))}
                  >
                    <option value="header">Header</option>
                    <option value="query">Query parameter</option>
                  </select>
                )}
              </Field>
              <div className="editor-grow">
                <Field label="API key name" error={config.auth.name.trim() === '' ? 'A name is required, e.g. X-API-Key.' : null}>
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      type="text"
                      spellCheck={false}
                      autoComplete="off"
                      value={config.auth.kind === 'api-key' ? config.auth.name : ''}
                      onChange={(event) => update((c) => (c.auth.kind === 'api-key' ? { ...c, auth: { ...c.auth, name: event.target.value } } : c), key('auth.name'))}
                    />
                  )}
                </Field>
              </div>
            </div>
            <TemplateField
              step={step}
              field="auth.value"
              value={config.auth.value}
              onChange={(value, k) => update((c) => (c.auth.kind === 'api-key' ? { ...c, auth: { ...c.auth, value } } : c), k)}
            />
          </>
        )}
      </fieldset>

      <NumberField
        label="Timeout (ms)"
        value={config.timeoutMs}
        min={100}
        max={300_000}
        hint="How long to wait for the response, up to 300000 (5 minutes)."
        onChange={(timeoutMs) => update((c) => ({ ...c, timeoutMs }), key('timeoutMs'))}
      />
    </div>
  );
}
