/** The recovery kit as the bridge describes it: never the key, except once, when it is made. */

export interface RecoveryStatus {
  /** The vault's id, printed on the kit: a kit for another vault names another id. */
  vaultId: string;
  /** null: this vault has no recovery key yet. */
  key: { createdAt: string; savedAt: string | null } | null;
  /** While wrong keys keep a new attempt waiting: when the next one is allowed. */
  retryAt: string | null;
}

/** What `recovery.create` returns: the only response that ever carries the key. */
export interface NewRecoveryKit {
  key: string;
  vaultId: string;
  createdAt: string;
}

export const KIT_FORMATS = ['pdf', 'text'] as const;
export type KitFormat = (typeof KIT_FORMATS)[number];

/** What starting over with a new vault leaves behind (it is all kept in the set-aside copy). */
export interface StartOverPreview {
  secretKeys: number;
  workflows: number;
  runs: number;
  /** Team workspaces whose members would have to add this person again, as a new identity. */
  teamWorkspaces: string[];
  /** Where the old vault is kept, in the Keyflow data folder. */
  setAsideFile: string;
}
