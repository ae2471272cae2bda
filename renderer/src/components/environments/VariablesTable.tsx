import { useState, type FormEvent } from 'react';
import { variableNameProblem, variableValueProblem, type Variable } from '../../../../shared/model/environment';
import { asBridgeError } from '../../bridge/failure';
import { useMyRights } from '../../hooks/use-rights';
import { useEnvironments } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { DataTable } from '../common/DataTable';
import { FormError } from '../common/FormError';
import { SmallCloseIcon } from '../workflows/icons';

/** One variable's text in one environment: saved when the field is left (or Enter), cleared to remove it there. */
function VariableCell({
  variable,
  environmentId,
  environmentName,
  readOnly,
  onProblem,
}: {
  variable: Variable;
  environmentId: string;
  environmentName: string;
  readOnly: boolean;
  onProblem(message: string | null): void;
}) {
  const setValue = useEnvironments((state) => state.setVariableValue);
  const saved = variable.values[environmentId] ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? saved;
  async function save() {
    if (draft === null || draft === saved) return setDraft(null);
    const problem = variableValueProblem(draft);
    if (problem) return onProblem(problem);
    try {
      await setValue(variable.id, environmentId, draft === '' ? null : draft);
      onProblem(null);
      setDraft(null);
    } catch (error) {
      onProblem(asBridgeError(error).message);
    }
  }
  return (
    <td>
      <input
        className="input input-mono variable-input"
        type="text"
        aria-label={`${variable.name} in ${environmentName}`}
        placeholder="No value"
        spellCheck={false}
        autoComplete="off"
        readOnly={readOnly}
        value={text}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void save();
          if (event.key === 'Escape') setDraft(null);
        }}
      />
    </td>
  );
}

/** Plain variables (a base URL, an account id): not secret, shown and edited in place, one text per environment. */
export function VariablesTable() {
  const environments = useEnvironments((state) => state.environments);
  const variables = useEnvironments((state) => state.variables);
  const create = useEnvironments((state) => state.createVariable);
  const remove = useEnvironments((state) => state.removeVariable);
  const announce = useAnnouncer((state) => state.announce);
  const { editWorkflows } = useMyRights();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    const invalid = variableNameProblem(name);
    if (invalid) return setProblem(invalid);
    try {
      const created = await create(name);
      setName('');
      setProblem(null);
      announce(`Variable “${created.name}” added: give it a value in each environment`);
    } catch (error) {
      setProblem(asBridgeError(error).message);
    }
  }

  return (
    <section className="team-section" aria-labelledby="variables-heading">
      <h2 id="variables-heading" className="section-title">
        Variables
      </h2>
      <p className="note">Plain text, not secret: shown here and in exports. Insert one into a field with + ▸ Insert a Variable.</p>
      {variables.length > 0 && (
        <DataTable caption="Variables" columns={['Variable', ...environments.map((environment) => environment.name)]} actions={editWorkflows}>
          {variables.map((variable) => (
            <tr key={variable.id}>
              <td className="cell-name mono">{variable.name}</td>
              {environments.map((environment) => (
                <VariableCell
                  key={environment.id}
                  variable={variable}
                  environmentId={environment.id}
                  environmentName={environment.name}
                  readOnly={!editWorkflows}
                  onProblem={setProblem}
                />
              ))}
              {editWorkflows && (
                <td className="cell-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Delete variable ${variable.name}`}
                    onClick={() =>
                      void remove(variable.id).then(
                        () => announce(`Variable “${variable.name}” deleted`),
                        (error: unknown) => setProblem(asBridgeError(error).message),
                      )
                    }
                  >
                    <SmallCloseIcon />
                  </button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      <FormError message={problem} />
      {editWorkflows && (
        <form className="inline-form" onSubmit={(event) => void add(event)}>
          <label className="field-label" htmlFor="new-variable">
            New variable
          </label>
          <input
            id="new-variable"
            className="input input-mono"
            value={name}
            placeholder="base_url"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button button-secondary">
            Add variable
          </button>
        </form>
      )}
    </section>
  );
}
