import { useState } from 'react';
import type { HeaderList, StepResult } from '../../../../shared/model/run';
import { RESPONSE_BODY_CAP_BYTES } from '../../../../shared/model/run';
import { formatBytes, formatDuration, formatJson } from './run-format';
import { RunStatusBadge } from './RunStatusBadge';

function Headers({ headers, caption }: { headers: HeaderList; caption: string }) {
  if (headers.length === 0) return <p className="note">No headers.</p>;
  return (
    <table className="run-headers">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Header</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={index}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Long texts show their beginning until asked for all of it: a 5 MiB body would slow the page down. */
const SHOWN_CHARS = 64 * 1024;

function Block({ label, text }: { label: string; text: string }) {
  const [all, setAll] = useState(false);
  const long = text.length > SHOWN_CHARS && !all;
  return (
    <>
      <pre className="run-pre" tabIndex={0} aria-label={label}>
        {long ? text.slice(0, SHOWN_CHARS) : text}
      </pre>
      {long && (
        <p className="note">
          Showing the first {formatBytes(SHOWN_CHARS)} of {formatBytes(text.length)}.{' '}
          <button type="button" className="button-link" onClick={() => setAll(true)}>
            Show all<span className="visually-hidden"> of the {label.toLowerCase()}</span>
          </button>
        </p>
      )}
    </>
  );
}

/** One step of a run: status, timing and, in details, what was sent and received (all redacted by main). */
export function StepResultView({ result, index, open }: { result: StepResult; index: number; open: boolean }) {
  const hasDetails = Boolean(result.request || result.response || result.logs.length > 0 || result.output !== undefined || result.error);
  const name = `${index + 1}. ${result.stepName}`;
  return (
    <li className={`run-step run-step-${result.status}`}>
      <div className="run-step-head">
        <RunStatusBadge status={result.status} />
        <span className="run-step-name">{name}</span>
        <span className="note run-step-time">{result.durationMs !== null ? formatDuration(result.durationMs) : ''}</span>
      </div>
      {result.error && (
        <p className="run-error">
          {result.error.message}
        </p>
      )}
      {hasDetails && (
        <details className="run-details" open={open}>
          <summary>
            Details<span className="visually-hidden"> of {name}</span>
          </summary>
          {result.request && (
            <div className="run-section">
              <h3 className="run-section-title">Request</h3>
              <p className="run-line mono">
                <span className="run-method">{result.request.method}</span> {result.request.url}
              </p>
              <Headers headers={result.request.headers} caption="Request headers" />
              {result.request.body !== undefined && result.request.body !== '' && <Block label="Request body" text={result.request.body} />}
            </div>
          )}
          {result.response && (
            <div className="run-section">
              <h3 className="run-section-title">Response</h3>
              <p className="run-line">
                <span className={`http-status http-status-${Math.floor(result.response.status / 100)}xx`}>HTTP {result.response.status}</span>
                <span className="note"> · {formatBytes(result.response.bytes)}</span>
              </p>
              {result.response.redirects.length > 0 && (
                <div>
                  <p className="run-subtitle">Redirects</p>
                  <ol className="run-redirects">
                    {result.response.redirects.map((url, i) => (
                      <li key={i} className="mono">
                        {url}
                      </li>
                    ))}
                  </ol>
                </div>
              )}
              <Headers headers={result.response.headers} caption="Response headers" />
              {result.response.truncated && (
                <p className="callout callout-warning run-truncated">
                  Truncated: only the first {formatBytes(RESPONSE_BODY_CAP_BYTES)} were kept.
                </p>
              )}
              {result.response.body !== '' ? <Block label="Response body" text={result.response.body} /> : <p className="note">Empty body.</p>}
            </div>
          )}
          {result.logs.length > 0 && (
            <div className="run-section">
              <h3 className="run-section-title">Logs</h3>
              <Block label="Logs" text={result.logs.join('\n')} />
            </div>
          )}
          {result.output !== undefined && (
            <div className="run-section">
              <h3 className="run-section-title">Output</h3>
              <Block label="Output (JSON)" text={formatJson(result.output)} />
            </div>
          )}
        </details>
      )}
    </li>
  );
}
