import type { SecretTab } from '../../store/filter-secrets';

export const TAB_LABELS: Readonly<Record<SecretTab, string>> = {
  all: 'All',
  team: 'Team',
  private: 'Private',
  'private-admin': 'Private (Admin View)',
};

/** What an empty tab says in a team workspace. */
export const TEAM_WORKSPACE_EMPTY: Readonly<Record<Exclude<SecretTab, 'all'>, { title: string; text: string }>> = {
  team: {
    title: 'No team keys',
    text: 'Keys with Team access can be used in workflows by every Owner, Admin and Editor of this workspace.',
  },
  private: {
    title: 'No private keys for you',
    text: 'Keys restricted to chosen people or groups appear here once you are given Use or Manage on them.',
  },
  'private-admin': {
    title: 'No restricted keys',
    text: 'Every key restricted to chosen people or groups appears here, with who has access — including keys not shared with you.',
  },
};
