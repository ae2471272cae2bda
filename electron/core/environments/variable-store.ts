/**
 * Plain variables of one workspace (a base URL, an account id): visible, not secret, one
 * text per environment. Whoever may edit workflows may change them; a team workspace
 * records every change as a version of the variable's record.
 */
import { BridgeError } from '../../../shared/bridge/errors';
import { variableNameProblem, variableValueProblem, type Variable } from '../../../shared/model/environment';
import type { Db } from '../db/database';
import { newId } from '../ids';
import type { WorkspaceAccess } from '../access/workspace-access';
import type { EnvironmentRows } from './environment-rows';
import { VariableRows, type VariableRow } from './variable-rows';

/** How a team workspace follows changes to variables. */
export interface VariableLedger {
  variableChanged(id: string): void;
}

export interface VariableStoreOptions {
  workspaceId: string;
  access: WorkspaceAccess;
  environments: EnvironmentRows;
  ledger?: VariableLedger;
  now?: () => Date;
}

export class VariableStore {
  readonly rows: VariableRows;
  private readonly now: () => Date;

  constructor(
    db: Db,
    private readonly options: VariableStoreOptions,
  ) {
    this.rows = new VariableRows(db, options.workspaceId);
    this.now = options.now ?? (() => new Date());
  }

  list(): Variable[] {
    return this.rows.list().map(({ id, name, values }) => ({ id, name, values }));
  }

  get(id: string): VariableRow {
    const row = this.rows.get(id);
    if (!row) throw new BridgeError('not_found', 'That variable no longer exists.', 'id');
    return row;
  }

  create(rawName: string, values: Record<string, string> = {}): Variable {
    this.options.access.requireEditWorkflows();
    const name = this.freeName(rawName);
    const at = this.now().toISOString();
    const row: VariableRow = { id: newId('var'), name, values: this.checkValues(values), createdAt: at, updatedAt: at };
    this.rows.put(row);
    this.options.ledger?.variableChanged(row.id);
    return this.get(row.id);
  }

  rename(id: string, rawName: string): Variable {
    this.options.access.requireEditWorkflows();
    const row = this.get(id);
    this.write({ ...row, name: this.freeName(rawName, id) });
    return this.get(id);
  }

  /** Sets (or, with null, removes) the variable's text in one environment. */
  setValue(id: string, environmentId: string, value: string | null): Variable {
    this.options.access.requireEditWorkflows();
    const row = this.get(id);
    const values = { ...row.values };
    if (value === null) delete values[environmentId];
    else values[environmentId] = value;
    this.write({ ...row, values: this.checkValues(values) });
    return this.get(id);
  }

  delete(id: string): void {
    this.options.access.requireEditWorkflows();
    if (!this.rows.remove(id)) throw new BridgeError('not_found', 'That variable no longer exists.', 'id');
    this.options.ledger?.variableChanged(id);
  }

  private write(row: VariableRow): void {
    this.rows.put({ ...row, updatedAt: this.now().toISOString() });
    this.options.ledger?.variableChanged(row.id);
  }

  private freeName(raw: string, exceptId?: string): string {
    const problem = variableNameProblem(raw);
    if (problem) throw new BridgeError('invalid_request', problem, 'name');
    const name = raw.trim();
    const clash = this.rows.named(name);
    if (clash && clash.id !== exceptId) throw new BridgeError('conflict', `A variable named “${clash.name}” already exists.`, 'name');
    return name;
  }

  private checkValues(values: Record<string, string>): Record<string, string> {
    const environments = new Set(this.options.environments.list().map((environment) => environment.id));
    for (const [environmentId, value] of Object.entries(values)) {
      if (!environments.has(environmentId)) throw new BridgeError('not_found', 'That environment no longer exists.', 'environmentId');
      const problem = variableValueProblem(value);
      if (problem) throw new BridgeError('invalid_request', problem, 'value');
    }
    return values;
  }
}
