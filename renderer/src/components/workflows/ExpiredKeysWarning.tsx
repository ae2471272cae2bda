import { useEffect } from 'react';
import { useNow } from '../../hooks/use-now';
import { useKeyHistory, useSecrets, useWorkflowEditor } from '../../store';
import { overdueKeysIn } from '../../store/expired-keys';

/** Before a run: the keys this workflow uses that are past their expiry or rotation date, and whether runs are refused for it. */
export function ExpiredKeysWarning() {
  const now = useNow();
  const steps = useWorkflowEditor((state) => state.history?.present.definition.steps);
  const secrets = useSecrets((state) => state.items);
  const policy = useKeyHistory((state) => state.policy);
  const loadPolicy = useKeyHistory((state) => state.loadPolicy);
  useEffect(() => {
    if (!policy) void loadPolicy();
  }, [policy, loadPolicy]);
  const overdue = steps ? overdueKeysIn(steps, secrets, new Date(now)) : [];
  if (overdue.length === 0) return null;
  const names = overdue.map(({ secret, state }) => `“${secret.name}” (${state.reason === 'expiry' ? 'expired' : 'due for rotation'} on ${state.dueAt.slice(0, 10)})`).join(', ');
  return (
    <p className="form-warning" role="status">
      {overdue.length === 1 ? 'A key this workflow uses is overdue: ' : 'Keys this workflow uses are overdue: '}
      {names}. {policy?.refuseExpiredKeys ? 'This workspace refuses runs with expired keys: give them new values first.' : 'Give them new values (Secret Keys ▸ Edit value).'}
    </p>
  );
}
