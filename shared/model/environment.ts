/**
 * Environments (Development, Staging, Production…): a key holds one value per environment,
 * plain variables hold one text per environment, and a run picks the environment it runs
 * in. A protected environment asks for confirmation, and in a team only Owners, Admins and
 * the people and groups granted "Run in <environment>" may run in it.
 */
import { CONTROL_CHARACTER } from './secret';
import { isAdmin, type Group, type Role } from './team';

/** The environment every workspace starts with (and every value from before environments lives in). */
export const DEFAULT_ENVIRONMENT_ID = 'default';
export const DEFAULT_ENVIRONMENT_NAME = 'Default';

export const ENVIRONMENT_NAME_MAX = 60;
export const VARIABLE_NAME_MAX = 100;
/** A variable's text in one environment: plain, visible, like a URL or an account id. */
export const VARIABLE_VALUE_MAX = 4096;
export const MAX_ENVIRONMENTS = 50;

export interface Principal {
  kind: 'member' | 'group';
  id: string;
}

export interface Environment {
  id: string;
  name: string;
  protected: boolean;
  /** Who may run in it besides Owners and Admins (protected environments of team workspaces). */
  runGrants: Principal[];
  /** Whether the person asking may run in it. */
  canRun: boolean;
}

/** A plain variable: its text in each environment that has one. Not secret: shown, exported, never masked. */
export interface Variable {
  id: string;
  name: string;
  values: Record<string, string>;
}

export interface EnvironmentsView {
  /** In the order they are shown (and the first is where new values go by default). */
  environments: Environment[];
  variables: Variable[];
}

/** What deleting an environment takes away, shown in the confirmation. */
export interface EnvironmentDeletion {
  environment: { id: string; name: string };
  keys: { id: string; name: string }[];
  variables: { id: string; name: string }[];
}

/** The canonical form two names are compared in (unique per workspace, case-insensitive). */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

export function environmentNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name.length === 0) return 'Name is required.';
  if (CONTROL_CHARACTER.test(name)) return 'Name cannot contain control characters.';
  if ([...name].length > ENVIRONMENT_NAME_MAX) return `Name must be at most ${ENVIRONMENT_NAME_MAX} characters.`;
  return null;
}

/** Variable names are what people type and see in chips: letters, digits, _ . - and spaces. */
export function variableNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name.length === 0) return 'Name is required.';
  if ([...name].length > VARIABLE_NAME_MAX) return `Name must be at most ${VARIABLE_NAME_MAX} characters.`;
  if (!/^[\p{L}\p{N}_.\- ]+$/u.test(name)) return 'Use letters, digits, spaces, _ . or - in a variable name.';
  return null;
}

export function variableValueProblem(value: string): string | null {
  if (!value.isWellFormed()) return 'The value contains an invalid Unicode character.';
  if (value.length > VARIABLE_VALUE_MAX) return `A variable holds at most ${VARIABLE_VALUE_MAX} characters (secrets belong in keys).`;
  return null;
}

/** Whether a member may run in an environment: anyone when it isn't protected; else Owners, Admins and those granted it. */
export function mayRunIn(environment: { protected: boolean; runGrants: readonly Principal[] }, role: Role, memberId: string, groups: readonly Group[]): boolean {
  if (!environment.protected || isAdmin(role)) return true;
  return environment.runGrants.some((grant) =>
    grant.kind === 'member' ? grant.id === memberId : groups.some((group) => group.id === grant.id && group.memberIds.includes(memberId)),
  );
}
