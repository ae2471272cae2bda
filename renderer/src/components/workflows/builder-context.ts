import { createContext, useContext } from 'react';
import type { KeyForField } from '../secrets/CreateSecretDialog';

/** A field asks for a new key: the dialog opens outside the field's menu, and inserts the key when created. */
export interface CreateKeyRequest extends KeyForField {
  returnFocusTo(): HTMLElement | null;
}

/** What the builder offers the editors inside it. */
export interface BuilderActions {
  requestCreateKey(request: CreateKeyRequest): void;
  /** Leaves for Manage Secret Keys (the draft stays in the editor store). */
  manageKeys(): void;
  /** Leaves for Environments, where variables get their values (the draft stays). */
  manageEnvironments(): void;
  /** Viewers see workflows without editing, saving or running them. */
  readOnly: boolean;
  /** Whether Create Secret Key is offered in a field's + menu. */
  canCreateSecrets: boolean;
}

export const BuilderContext = createContext<BuilderActions | null>(null);

export function useBuilderActions(): BuilderActions {
  const actions = useContext(BuilderContext);
  if (!actions) throw new Error('useBuilderActions must be used inside the builder.');
  return actions;
}
