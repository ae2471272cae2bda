import { useEffect, useId, useState } from 'react';
import type { Environment } from '../../../../shared/model/environment';
import { bridge } from '../../bridge/instance';
import { useEnvironments } from '../../store';

/**
 * The environment a workflow runs in, beside Run: it starts on the one this workflow last
 * ran in (remembered on this machine) and remembers a new choice.
 */
export function useWorkflowEnvironment(workflowId: string): { environment: Environment | null; choose(id: string): void } {
  const environments = useEnvironments((state) => state.environments);
  const loadState = useEnvironments((state) => state.loadState);
  const load = useEnvironments((state) => state.load);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    if (loadState === 'idle') void load();
  }, [loadState, load]);
  useEffect(() => {
    let current = true;
    void bridge['runs.environment']({ workflowId }).then(
      ({ environmentId }) => current && setChosen(environmentId),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [workflowId]);
  const environment = environments.find((item) => item.id === chosen) ?? environments[0] ?? null;
  return {
    environment,
    choose(id) {
      setChosen(id);
      void bridge['runs.setEnvironment']({ workflowId, environmentId: id }).catch(() => undefined);
    },
  };
}

export function EnvironmentSelect({ environment, onChoose, disabled }: { environment: Environment | null; onChoose(id: string): void; disabled?: boolean }) {
  const environments = useEnvironments((state) => state.environments);
  const id = useId();
  if (environments.length === 0) return null;
  return (
    <span className="environment-select">
      <label htmlFor={id} className="toolbar-label">
        Environment
      </label>
      <select id={id} className="input select" value={environment?.id ?? ''} disabled={disabled} onChange={(event) => onChoose(event.target.value)}>
        {environments.map((item) => (
          <option key={item.id} value={item.id} disabled={!item.canRun}>
            {item.name}
            {item.protected ? ' (protected)' : ''}
            {item.canRun ? '' : ' — not yours to run'}
          </option>
        ))}
      </select>
    </span>
  );
}
