import type { HeaderList, StepResult } from '../../../../shared/model/run';
import { RESPONSE_BODY_CAP_BYTES } from '../../../../shared/model/run';
import { BodyView } from './BodyView';
import { formatBytes, formatDuration, formatJson } from './run-format';
import { RunStatusBadge } from './RunStatusBadge';

function HeadersTable({ headers, caption }: { headers: HeaderList; caption: string }) {
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

function HttpStatus({ status }: { status: number }) {
  return <span className={`http-status http-status-${Math.floor(status / 100)}xx`}>HTTP {status}</span>;
}

/** What a step sent and received, its logs and output (all redacted by main). */
function StepDetails({ result }: { result: StepResult }) {
  const { request, response } = result;
  return (
    <>
      {response && (
        <div className="run-section">
          <h3 className="run-section-title">Response</h3>
          <p className="run-line">
            <HttpStatus status={response.status} />
            <span className="note"> · {formatBytes(response.bytes)}</span>
          </p>
          {response.redirects.length > 0 && (
            <div>
              <p className="run-subtitle">Redirects</p>
              <ol className="run-redirects">
                {response.redirects.map((url, i) => (
                  <li key={i} className="mono">
                    {url}
                  </li>
                ))}
              </ol>
            </div>
          )}
          {response.truncated && <p className="callout callout-warning run-truncated">Truncated: only the first {formatBytes(RESPONSE_BODY_CAP_BYTES)} were kept.</p>}
          {response.body !== '' ? <BodyView label="Response body" text={response.body} /> : <p className="note">Empty body.</p>}
          <details className="run-more">
            <summary>Response headers ({response.headers.length})</summary>
            <HeadersTable headers={response.headers} caption="Response headers" />
          </details>
        </div>
      )}
      {request && (
        <details className="run-more run-section">
          <summary>
            Request: <span className="mono">{request.method}</span> <span className="mono run-url">{request.url}</span>
          </summary>
          <HeadersTable headers={request.headers} caption="Request headers" />
          {request.body !== undefined && request.body !== '' && <BodyView label="Request body" text={request.body} />}
        </details>
      )}
      {result.logs.length > 0 && (
        <div className="run-section">
          <h3 className="run-section-title">Logs</h3>
          <BodyView label="Logs" text={result.logs.join('\n')} />
        </div>
      )}
      {result.output !== undefined && !response && (
        <div className="run-section">
          <h3 className="run-section-title">Output</h3>
          <BodyView label="Output" text={formatJson(result.output)} />
        </div>
      )}
    </>
  );
}

/** One step of a run: status, timing, what went wrong and, in details, what was sent and received. */
export function StepResultView({ result, index, open }: { result: StepResult; index: number; open: boolean }) {
  const hasDetails = Boolean(result.request || result.response || result.logs.length > 0 || result.output !== undefined);
  const name = `${index + 1}. ${result.stepName}`;
  return (
    <li className={`run-step run-step-${result.status}`} aria-label={name}>
      <div className="run-step-head">
        <RunStatusBadge status={result.status} />
        <span className="run-step-name">{name}</span>
        {result.response && <HttpStatus status={result.response.status} />}
        <span className="note run-step-time">{formatDuration(result.durationMs)}</span>
      </div>
      {result.error && <p className="run-error">{result.error.message}</p>}
      {result.status === 'skipped' && <p className="note">Not run: the run stopped at an earlier step.</p>}
      {hasDetails && (
        <details className="run-details" open={open}>
          <summary>
            Details<span className="visually-hidden"> of {name}</span>
          </summary>
          <StepDetails result={result} />
        </details>
      )}
    </li>
  );
}
