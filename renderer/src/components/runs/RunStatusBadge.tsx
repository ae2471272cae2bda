import type { RunStatus } from '../../../../shared/model/workflow';
import { STATUS_LABELS } from './run-format';

const TONES: Readonly<Record<RunStatus, string>> = {
  pending: 'badge-neutral',
  running: '',
  ok: 'badge-success',
  failed: 'badge-danger',
  cancelled: 'badge-warning',
};

/** The status as visible text (not only a colour). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge status status-${status} ${TONES[status]}`.trimEnd()}>{STATUS_LABELS[status]}</span>;
}
