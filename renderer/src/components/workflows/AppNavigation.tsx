import { useNavigation, useVault } from '../../store';
import type { AppView } from '../../store/workflow-navigation';
import { useDialogOpen } from './use-dialog-open';

const VIEWS: { view: AppView; label: string }[] = [
  { view: 'workflows', label: 'Workflows' },
  { view: 'secrets', label: 'Secret Keys' },
];

/** The header's navigation between Workflows and Secret Keys, once the vault is open. */
export function AppNavigation() {
  const unlocked = useVault((state) => state.status?.state === 'unlocked');
  const view = useNavigation((state) => state.view);
  const show = useNavigation((state) => state.show);
  const dialogOpen = useDialogOpen();
  if (!unlocked) return null;
  return (
    <nav className="app-nav" aria-label="Main" inert={dialogOpen}>
      <ul className="app-nav-list">
        {VIEWS.map((item) => (
          <li key={item.view}>
            {/* Links, as navigation is; the address never changes (the app is one page under a strict CSP). */}
            <a
              href={`#${item.view}`}
              className="app-nav-item"
              aria-current={view === item.view ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                show(item.view);
              }}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
