import { bridge } from '../bridge/instance';
import { createSecretsStore } from './secrets-store';
import { createVaultStore } from './vault-store';

/** The window's stores, bound to its bridge. */
export const useSecrets = createSecretsStore(bridge);
export const useVault = createVaultStore(bridge);
