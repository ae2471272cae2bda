import { useRef, useState } from 'react';
import { useIsTeamWorkspace } from '../../hooks/use-rights';
import { useIdentity, useNavigation, useVault } from '../../store';
import { routeHash, routeOfView, type AppView } from '../../store/routes';
import { PersonIcon } from '../common/icons';
import { useRecoveryStatus } from '../recovery/use-recovery-status';
import { kitWanted } from '../../store/recovery-store';
import { IdentityDialog } from '../workspaces/IdentityDialog';
import { WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher';
import { useDialogOpen } from './use-dialog-open';

const VIEWS: { view: AppView; label: string; teamOnly?: boolean }[] = [
  { view: 'workflows', label: 'Workflows' },
  { view: 'secrets', label: 'Secret Keys' },
  { view: 'environments', label: 'Environments' },
  { view: 'team', label: 'Team', teamOnly: true },
  { view: 'activity', label: 'Activity' },
  { view: 'security', label: 'Security check' },
  { view: 'settings', label: 'Settings' },
];

/** The header once the vault is open: the workspace switcher, the areas (Team in team workspaces), and Your identity. */
export function AppNavigation() {
  const unlocked = useVault((state) => state.status?.state === 'unlocked');
  const view = useNavigation((state) => state.view);
  const show = useNavigation((state) => state.show);
  const team = useIsTeamWorkspace();
  const dialogOpen = useDialogOpen();
  const [identityOpen, setIdentityOpen] = useState(false);
  const unnamed = useIdentity((state) => state.profile?.named === false);
  const identityRef = useRef<HTMLButtonElement>(null);
  const noKit = kitWanted(useRecoveryStatus());
  if (!unlocked) return null;
  return (
    <>
      <div className="app-header-workspace" inert={dialogOpen}>
        <WorkspaceSwitcher />
      </div>
      <nav className="app-nav" aria-label="Main" inert={dialogOpen}>
        <ul className="app-nav-list">
          {VIEWS.filter((item) => team || !item.teamOnly).map((item) => (
            <li key={item.view}>
              <a
                href={routeHash(routeOfView(item.view))}
                className="app-nav-item"
                aria-current={view === item.view ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  show(item.view);
                }}
              >
                {item.label}
                {item.view === 'settings' && noKit && <span className="badge badge-warning">Make recovery kit</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="app-header-end" inert={dialogOpen}>
        <button ref={identityRef} type="button" className="button button-ghost" onClick={() => setIdentityOpen(true)}>
          <PersonIcon />
          Your identity
          {unnamed && <span className="badge badge-warning">Set your name</span>}
        </button>
      </div>
      {identityOpen && <IdentityDialog onClose={() => setIdentityOpen(false)} returnFocusTo={() => identityRef.current} />}
    </>
  );
}
