import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../../../shared/model/team';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useNow } from '../../hooks/use-now';
import { useAudit, useNavigation, useRuns, useSecrets, useTeam } from '../../store';
import { filterOptions, type AuditFilters, type NamedOption } from '../../store/audit-store';
import { DataTable } from '../common/DataTable';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { RelativeTime } from '../secrets/RelativeTime';
import type { RunLabel } from '../../../../shared/model/run';

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  created: 'Created',
  renamed: 'Renamed',
  're-valued': 'New value',
  're-permissioned': 'Permissions changed',
  deleted: 'Deleted',
  used: 'Used in a run',
};

const COLUMNS = ['When', 'Who', 'Action', 'Secret key', 'Run', 'Details'];

/** How a run is named in the trail: its workflow and when it started ("Billing report, Dec 6, 1:10 AM"), or "Run 3fK9x0aQ" when it is gone. */
export function runLinkText(runId: string, label?: RunLabel): string {
  if (label) return `${label.workflowName}, ${formatShortTime(label.startedAt)}`;
  return `Run ${runId.replace(/^run_/, '').slice(0, 8)}`;
}

const shortTime = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const formatShortTime = (iso: string) => shortTime.format(Date.parse(iso));

function FilterSelect({
  label,
  value,
  allLabel,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  allLabel: string;
  options: readonly NamedOption[];
  onChange(value: string | undefined): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input select" value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Activity: the audit trail — who created, renamed, re-valued, re-permissioned, deleted or used each key, and when. Never a value. */
export function ActivityView() {
  const entries = useAudit((state) => state.entries);
  const filters = useAudit((state) => state.filters);
  const known = useAudit((state) => state.known);
  const loadState = useAudit((state) => state.loadState);
  const loadError = useAudit((state) => state.loadError);
  const load = useAudit((state) => state.load);
  const setFilters = useAudit((state) => state.setFilters);
  const clearFilters = useAudit((state) => state.clearFilters);
  const secrets = useSecrets((state) => state.items);
  const members = useTeam((state) => state.details?.members);
  const runs = useAudit((state) => state.runs);
  const reveal = useRuns((state) => state.reveal);
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  const now = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [runProblem, setRunProblem] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useFocusIfLost(headingRef);

  const secretOptions = useMemo(
    () =>
      filterOptions(
        known.secrets,
        secrets.map((secret) => ({ id: secret.id, name: secret.name })),
        filters.secretId,
      ),
    [known.secrets, secrets, filters.secretId],
  );
  const actorOptions = useMemo(
    () =>
      filterOptions(
        known.actors,
        (members ?? []).map((member) => ({ id: member.memberId, name: member.name })),
        filters.actorId,
      ),
    [known.actors, members, filters.actorId],
  );
  const actionOptions = AUDIT_ACTIONS.map((action) => ({ id: action, name: AUDIT_ACTION_LABELS[action] }));
  const filtered = Object.keys(filters).length > 0;
  const change = (next: AuditFilters) => void setFilters(next);

  async function openRun(entry: AuditEntry) {
    if (!entry.runId) return;
    setRunProblem(null);
    const run = await reveal(entry.runId);
    if (run) openWorkflow(run.workflowId, run.id);
    else setRunProblem(`${runLinkText(entry.runId, runs.get(entry.runId))} can’t be shown: ${useRuns.getState().currentError ?? 'it no longer exists.'}`);
  }

  return (
    <section className="panel" aria-labelledby="activity-heading">
      <div className="panel-header">
        <div>
          <h1 id="activity-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
            Activity
          </h1>
          <p className="panel-subtitle">Who created, renamed, changed, shared, deleted or used each secret key, and when. Values are never recorded.</p>
        </div>
      </div>

      <div className="filters" role="group" aria-label="Filter activity">
        <FilterSelect label="Secret key" allLabel="All keys" value={filters.secretId} options={secretOptions} onChange={(secretId) => change({ secretId })} />
        <FilterSelect label="Person" allLabel="Everyone" value={filters.actorId} options={actorOptions} onChange={(actorId) => change({ actorId })} />
        <FilterSelect
          label="Action"
          allLabel="All actions"
          value={filters.action}
          options={actionOptions}
          onChange={(action) => change({ action: action as AuditAction | undefined })}
        />
        {filtered && (
          <button type="button" className="button button-ghost filters-clear" onClick={() => void clearFilters()}>
            Clear filters
          </button>
        )}
      </div>

      {runProblem && (
        <p className="form-error" role="alert">
          {runProblem}
        </p>
      )}

      {loadState === 'failed' ? (
        <ErrorBanner title="Activity could not be loaded" message={loadError ?? ''} onRetry={() => void load()} />
      ) : entries.length === 0 && loadState !== 'ready' ? (
        <p className="loading" role="status">
          Loading activity…
        </p>
      ) : entries.length === 0 ? (
        <EmptyState title={filtered ? 'No matching activity' : 'No activity yet'}>
          <p>{filtered ? 'Nothing recorded matches these filters.' : 'Creating, changing, sharing, deleting and using secret keys is recorded here.'}</p>
        </EmptyState>
      ) : (
        <DataTable caption="Activity" columns={COLUMNS} actions={false}>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="cell-muted">
                <RelativeTime iso={entry.at} now={now} />
              </td>
              <td>{entry.actorName}</td>
              <td>
                <span className={`badge${entry.action === 'deleted' ? ' badge-danger' : entry.action === 'used' ? ' badge-neutral' : ''}`}>
                  {AUDIT_ACTION_LABELS[entry.action]}
                </span>
              </td>
              <td className="cell-name">{entry.secretName}</td>
              <td className="cell-muted">
                {entry.runId ? (
                  <button type="button" className="link-button" onClick={() => void openRun(entry)}>
                    {runLinkText(entry.runId, runs.get(entry.runId))}
                  </button>
                ) : (
                  '—'
                )}
              </td>
              <td className="cell-description">{entry.detail || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
