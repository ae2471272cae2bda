import { useEffect, useRef, useState } from 'react';
import type { Environment } from '../../../../shared/model/environment';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useIsTeamWorkspace, useMyRights } from '../../hooks/use-rights';
import { useEnvironments, useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { asBridgeError } from '../../bridge/failure';
import { DataTable } from '../common/DataTable';
import { FormError } from '../common/FormError';
import { RowActionsMenu, type RowAction } from '../common/RowActionsMenu';
import { PlusIcon } from '../workflows/icons';
import { DeleteEnvironmentDialog, EnvironmentNameDialog, ProtectionDialog } from './EnvironmentDialogs';
import { ExternalSources } from './ExternalSources';
import { VariablesTable } from './VariablesTable';

type EnvironmentAction = 'rename' | 'up' | 'down' | 'protect' | 'delete';
type OpenDialog = { kind: 'add' } | { kind: 'rename' | 'protect' | 'delete'; environment: Environment };

export const environmentActionsId = (id: string) => `environment-actions-${id}`;

/** Who may run in an environment, in words. */
function protectionText(environment: Environment, team: boolean, names: ReadonlyMap<string, string>): string {
  if (!environment.protected) return 'Not protected';
  if (!team) return 'Protected: asks before a run';
  const others = environment.runGrants.map((grant) => names.get(`${grant.kind}:${grant.id}`) ?? grant.id);
  return `Protected: Owners, Admins${others.length > 0 ? `, ${others.join(', ')}` : ''} may run`;
}

/** Environments: their order, protection and who may run where; plain variables; the external sources unlocked here. */
export function EnvironmentsView() {
  const environments = useEnvironments((state) => state.environments);
  const loadState = useEnvironments((state) => state.loadState);
  const load = useEnvironments((state) => state.load);
  const reorder = useEnvironments((state) => state.reorder);
  const { admin } = useMyRights();
  const team = useIsTeamWorkspace();
  const members = useTeam((state) => state.details?.members);
  const groups = useTeam((state) => state.details?.groups);
  const loadTeam = useTeam((state) => state.load);
  const announce = useAnnouncer((state) => state.announce);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void load();
    if (team) void loadTeam();
  }, [load, loadTeam, team]);
  useFocusIfLost(headingRef);

  const names = new Map<string, string>([
    ...(members ?? []).map((member) => [`member:${member.memberId}`, member.name] as const),
    ...(groups ?? []).map((group) => [`group:${group.id}`, group.name] as const),
  ]);
  const returnFocusTo = () => (dialog?.kind === 'add' ? addRef.current : dialog && document.getElementById(environmentActionsId(dialog.environment.id))) ?? headingRef.current;

  async function move(environment: Environment, by: -1 | 1) {
    const ids = environments.map((item) => item.id);
    const at = ids.indexOf(environment.id);
    [ids[at], ids[at + by]] = [ids[at + by]!, ids[at]!];
    setProblem(null);
    try {
      await reorder(ids);
      announce(`${environment.name} moved ${by < 0 ? 'up' : 'down'}`);
    } catch (error) {
      setProblem(asBridgeError(error).message);
    }
  }

  function actionsFor(index: number): RowAction<EnvironmentAction>[] {
    return [
      { action: 'rename', label: 'Rename' },
      ...(index > 0 ? [{ action: 'up' as const, label: 'Move up', inPlace: true }] : []),
      ...(index < environments.length - 1 ? [{ action: 'down' as const, label: 'Move down', inPlace: true }] : []),
      { action: 'protect', label: 'Protection…' },
      ...(environments.length > 1 ? [{ action: 'delete' as const, label: 'Delete', danger: true }] : []),
    ];
  }

  return (
    <section className="panel" aria-labelledby="environments-heading" inert={dialog !== null}>
      <div className="panel-header">
        <div>
          <h1 id="environments-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
            Environments
          </h1>
          <p className="panel-subtitle">One workflow, the right values for each place it runs: every key and variable has a value per environment.</p>
        </div>
        {admin && (
          <button ref={addRef} type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
            <PlusIcon />
            Add environment
          </button>
        )}
      </div>
      {!admin && <p className="note">Only Owners and Admins add, rename, protect or delete environments.</p>}
      <FormError message={problem} />
      {loadState !== 'ready' && environments.length === 0 ? (
        <p className="loading" role="status">
          Loading environments…
        </p>
      ) : (
        <DataTable caption="Environments" columns={['Environment', 'Protection', 'You may run']} actions={admin}>
          {environments.map((environment, index) => (
            <tr key={environment.id}>
              <td className="cell-name">{environment.name}</td>
              <td>{protectionText(environment, team, names)}</td>
              <td className="cell-muted">{environment.canRun ? 'Yes' : 'No'}</td>
              {admin && (
                <td className="cell-actions">
                  <RowActionsMenu
                    id={environmentActionsId(environment.id)}
                    name={environment.name}
                    actions={actionsFor(index)}
                    onAction={(action) => {
                      if (action === 'up' || action === 'down') void move(environment, action === 'up' ? -1 : 1);
                      else setDialog({ kind: action, environment });
                    }}
                  />
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      <VariablesTable />
      <ExternalSources />

      {dialog?.kind === 'add' && <EnvironmentNameDialog onClose={() => setDialog(null)} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'rename' && <EnvironmentNameDialog environment={dialog.environment} onClose={() => setDialog(null)} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'protect' && <ProtectionDialog environment={dialog.environment} onClose={() => setDialog(null)} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'delete' && <DeleteEnvironmentDialog environment={dialog.environment} onClose={() => setDialog(null)} returnFocusTo={returnFocusTo} />}
    </section>
  );
}
