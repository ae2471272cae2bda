import type { StepStatus } from '../../../../shared/model/run';
import { STATUS_LABELS } from './run-format';

const TONES: Readonly<Record<StepStatus, string>> = {
  pending: 'badge-neutral',
  skipped: 'badge-neutral',
  running: '',
  ok: 'badge-success',
  failed: 'badge-danger',
  cancelled: 'badge-warning',
};

/** The status as visible text (not only a colour). */
export function RunStatusBadge({ status }: { status: StepStatus }) {
  return <span className={`badge status status-${status} ${TONES[status]}`.trimEnd()}>{STATUS_LABELS[status]}</span>;
}
