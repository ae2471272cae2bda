/**
 * The environments of one workspace: listed for everyone (with whether the person asking
 * may run in each), changed by Owners and Admins only. A team workspace signs each change
 * into its membership chain (which says who may run where); a personal one writes its rows.
 */
import { BridgeError } from '../../../shared/bridge/errors';
import { environmentNameProblem, MAX_ENVIRONMENTS, nameKey, type Environment, type Principal } from '../../../shared/model/environment';
import type { Db } from '../db/database';
import { newId } from '../ids';
import type { WorkspaceAccess } from '../access/workspace-access';
import { applyEnvironmentChange, environmentChangeProblem, type EnvironmentChange } from './environment-change';
import { EnvironmentRows, type EnvironmentRow } from './environment-rows';

/** How a team workspace takes environment changes: signed into its chain, then projected into the rows. */
export interface EnvironmentLedger {
  changeEnvironments(changes: EnvironmentChange[]): void;
}

export interface EnvironmentStoreOptions {
  workspaceId: string;
  access: WorkspaceAccess;
  ledger?: EnvironmentLedger;
  /** Told when values may have gone with an environment (the redactor is rebuilt). */
  onValuesChanged?: () => void;
  /** Before an environment's values are deleted with it, here (a team's projection tells the secret store itself). */
  onDeleting?: (environmentId: string) => void;
}

export class EnvironmentStore {
  readonly rows: EnvironmentRows;

  constructor(
    db: Db,
    private readonly options: EnvironmentStoreOptions,
  ) {
    this.rows = new EnvironmentRows(db, options.workspaceId);
    this.rows.ensureOne();
  }

  list(): Environment[] {
    return this.rows.list().map((row) => ({ ...row, canRun: this.options.access.mayRunIn(row) }));
  }

  /** An environment by id, or by name (case-insensitive): what `--env` and a run name. */
  find(idOrName: string): EnvironmentRow {
    const rows = this.rows.list();
    const found = rows.find((row) => row.id === idOrName) ?? rows.find((row) => nameKey(row.name) === nameKey(idOrName));
    if (!found) throw new BridgeError('not_found', `No environment is named “${idOrName}”. This workspace has: ${rows.map((row) => row.name).join(', ')}.`, 'environmentId');
    return found;
  }

  /**
   * The environment a run may use: it exists, the person running may run there, and a
   * protected one was confirmed (the app asks; the command line needs --confirm).
   */
  forRun(idOrName: string, confirmed: boolean): EnvironmentRow {
    const environment = this.find(idOrName);
    if (!this.options.access.mayRunIn(environment)) {
      throw new BridgeError(
        'forbidden',
        `${environment.name} is protected: only Owners, Admins and people granted “Run in ${environment.name}” may run in it. Ask an Admin. Nothing was run.`,
        'environmentId',
      );
    }
    if (environment.protected && !confirmed) {
      throw new BridgeError('invalid_request', `${environment.name} is protected: confirm that you mean to run in it. Nothing was run.`, 'confirm');
    }
    return environment;
  }

  /** Where values go when no environment is named: the first. */
  first(): EnvironmentRow {
    return this.rows.list()[0]!;
  }

  create(rawName: string): EnvironmentRow {
    const name = checkName(rawName);
    if (this.rows.list().length >= MAX_ENVIRONMENTS) throw new BridgeError('invalid_request', `A workspace has at most ${MAX_ENVIRONMENTS} environments.`);
    const id = newId('env');
    this.change({ type: 'create-environment', environmentId: id, name });
    return this.find(id);
  }

  rename(id: string, rawName: string): EnvironmentRow {
    this.change({ type: 'rename-environment', environmentId: this.find(id).id, name: checkName(rawName) });
    return this.find(id);
  }

  reorder(order: string[]): void {
    this.change({ type: 'order-environments', order });
  }

  delete(id: string): void {
    this.change({ type: 'delete-environment', environmentId: this.find(id).id });
    this.options.onValuesChanged?.();
  }

  setProtection(id: string, isProtected: boolean, runGrants: Principal[]): EnvironmentRow {
    const { members, groups } = this.options.access;
    const seen = new Set<string>();
    for (const grant of runGrants) {
      const key = `${grant.kind}:${grant.id}`;
      if (seen.has(key)) throw new BridgeError('invalid_request', 'A person or group is named twice.', 'runGrants');
      seen.add(key);
      const known = grant.kind === 'member' ? members.has(grant.id) : groups.some((group) => group.id === grant.id);
      if (!known) throw new BridgeError('invalid_request', `The ${grant.kind === 'member' ? 'person' : 'group'} ${grant.id} is not in this workspace.`, 'runGrants');
    }
    const sorted = [...runGrants].sort((a, b) => `${a.kind}:${a.id}`.localeCompare(`${b.kind}:${b.id}`));
    this.change({ type: 'protect-environment', environmentId: this.find(id).id, protected: isProtected, runGrants: isProtected ? sorted : [] });
    return this.find(id);
  }

  private change(change: EnvironmentChange): void {
    this.options.access.requireAdmin('manage environments');
    const rows = this.rows.list();
    const problem = environmentChangeProblem(rows, change);
    if (problem) {
      const code = problem.includes('already exists') ? 'conflict' : problem.includes('no longer exists') ? 'not_found' : 'invalid_request';
      throw new BridgeError(
        code,
        problem,
        change.type === 'order-environments' ? 'ids' : change.type === 'create-environment' || change.type === 'rename-environment' ? 'name' : 'id',
      );
    }
    if (this.options.ledger) return this.options.ledger.changeEnvironments([change]);
    if (change.type === 'delete-environment') this.options.onDeleting?.(change.environmentId);
    this.rows.replaceAll(applyEnvironmentChange(rows, change));
  }
}

function checkName(raw: string): string {
  const problem = environmentNameProblem(raw);
  if (problem) throw new BridgeError('invalid_request', problem, 'name');
  return raw.trim();
}
