/**
 * The changes Owners and Admins make to a workspace's environments — the same whether a
 * personal workspace applies them to its rows or a team signs them into its chain — and
 * what one does to a list of environments.
 */
import { z } from 'zod';
import { DEFAULT_ENVIRONMENT_ID, nameKey } from '../../../shared/model/environment';
import type { EnvironmentRow } from './environment-rows';

const environmentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const principalSchema = z.object({ kind: z.enum(['member', 'group']), id: environmentId }).strict();

export const environmentChangeSchemas = [
  z.object({ type: z.literal('create-environment'), environmentId, name: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('rename-environment'), environmentId, name: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('delete-environment'), environmentId }).strict(),
  /** The order environments are shown in (the first is where a value goes by default). */
  z.object({ type: z.literal('order-environments'), order: z.array(environmentId).max(1000) }).strict(),
  /** Protection, and who besides Owners and Admins may run in it. */
  z.object({ type: z.literal('protect-environment'), environmentId, protected: z.boolean(), runGrants: z.array(principalSchema).max(500) }).strict(),
] as const;

export type EnvironmentChange = z.infer<(typeof environmentChangeSchemas)[number]>;
export type EnvironmentChangeType = EnvironmentChange['type'];

export const ENVIRONMENT_CHANGE_TYPES: ReadonlySet<string> = new Set<EnvironmentChangeType>([
  'create-environment',
  'rename-environment',
  'delete-environment',
  'order-environments',
  'protect-environment',
]);

export function isEnvironmentChange(change: { type: string }): change is EnvironmentChange {
  return ENVIRONMENT_CHANGE_TYPES.has(change.type);
}

/** Why a change can't be made to these environments (the author's role aside), or null. */
export function environmentChangeProblem(environments: readonly EnvironmentRow[], change: EnvironmentChange): string | null {
  const find = (id: string) => environments.find((environment) => environment.id === id);
  const clash = (name: string, except?: string) => environments.find((environment) => environment.id !== except && nameKey(environment.name) === nameKey(name));
  switch (change.type) {
    case 'create-environment': {
      if (find(change.environmentId) || change.environmentId === DEFAULT_ENVIRONMENT_ID) return 'An environment with that id already exists.';
      const other = clash(change.name);
      return other ? `An environment named “${other.name}” already exists.` : null;
    }
    case 'rename-environment': {
      if (!find(change.environmentId)) return 'That environment no longer exists.';
      const other = clash(change.name, change.environmentId);
      return other ? `An environment named “${other.name}” already exists.` : null;
    }
    case 'delete-environment':
      if (!find(change.environmentId)) return 'That environment no longer exists.';
      return environments.length <= 1 ? 'A workspace keeps at least one environment.' : null;
    case 'order-environments': {
      const ids = new Set(change.order);
      return ids.size === change.order.length && ids.size === environments.length && environments.every((environment) => ids.has(environment.id))
        ? null
        : 'The new order must list every environment once.';
    }
    case 'protect-environment':
      return find(change.environmentId) ? null : 'That environment no longer exists.';
  }
}

/** The environments after an allowed change. */
export function applyEnvironmentChange(environments: readonly EnvironmentRow[], change: EnvironmentChange): EnvironmentRow[] {
  switch (change.type) {
    case 'create-environment':
      return [...environments, { id: change.environmentId, name: change.name, protected: false, runGrants: [] }];
    case 'rename-environment':
      return environments.map((environment) => (environment.id === change.environmentId ? { ...environment, name: change.name } : environment));
    case 'delete-environment':
      return environments.filter((environment) => environment.id !== change.environmentId);
    case 'order-environments':
      return change.order.map((id) => environments.find((environment) => environment.id === id)!);
    case 'protect-environment':
      return environments.map((environment) =>
        environment.id === change.environmentId ? { ...environment, protected: change.protected, runGrants: change.protected ? change.runGrants : [] } : environment,
      );
  }
}
