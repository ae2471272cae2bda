import * as Tabs from '@radix-ui/react-tabs';
import { useSecrets } from '../../store';
import { SECRET_TABS, secretTabsFor, type SecretTab } from '../../store/filter-secrets';
import { SecretsView } from './SecretsView';
import type { OnSecretAction } from './secret-actions';
import { TAB_LABELS } from './tabs';

function isSecretTab(value: string): value is SecretTab {
  return (SECRET_TABS as readonly string[]).includes(value);
}

export function SecretTabs({ onAction }: { onAction: OnSecretAction }) {
  const tab = useSecrets((state) => state.tab);
  const setTab = useSecrets((state) => state.setTab);
  const scope = useSecrets((state) => state.scope);
  const tabs = secretTabsFor(scope);
  // One tab (the personal workspace) is no choice: the list alone.
  if (tabs.length === 1) return <SecretsView onAction={onAction} />;
  return (
    <Tabs.Root className="tabs" value={tab} onValueChange={(value) => isSecretTab(value) && setTab(value)}>
      <Tabs.List className="tab-list" aria-label="Show secret keys by access">
        {tabs.map((id) => (
          <Tabs.Trigger key={id} value={id} className="tab">
            {TAB_LABELS[id]}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {tabs.map((id) => (
        <Tabs.Content key={id} value={id} className="tab-panel">
          <SecretsView onAction={onAction} />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
