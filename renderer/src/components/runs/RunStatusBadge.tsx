import type { RunStatus } from '../../../../shared/model/workflow';
import { STATUS_LABELS } from './run-format';

/** The status as visible text (not only a colour). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`status status-${status}`}>{STATUS_LABELS[status]}</span>;
}
