import { useId } from 'react';
import { fieldLabel } from '../../../../shared/model/actions';
import type { RunCodeConfig, Step } from '../../../../shared/model/workflow';
import { useAnnouncer } from '../../store/announcer-store';
import { Field } from '../common/Field';
import { NumberField, useConfigEditor } from './editor-fields';
import { PlusIcon, TrashIcon } from './icons';
import { TemplateField } from './TemplateField';

type CodeStep = Extract<Step, { action: 'code.run' }>;

export function variableNameProblem(name: string): string | null {
  if (name === '') return 'A name is required.';
  if (!/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/.test(name)) return 'Use a JavaScript name: letters, digits, _ or $, not starting with a digit.';
  if (name === 'steps') return '“steps” is reserved: input.steps holds the previous steps’ outputs.';
  return null;
}

/** Run Code: the script, its variables (templates: secrets are injected at run time), and its limits. */
export function RunCodeEditor({ step }: { step: CodeStep }) {
  const config = step.config;
  const update = useConfigEditor<RunCodeConfig>(step);
  const announce = useAnnouncer((state) => state.announce);
  const id = useId();
  const variables = config.variables;
  const setVariables = (next: RunCodeConfig['variables'], key?: string) => update((c) => ({ ...c, variables: next }), key);

  return (
    <div className="editor">
      <Field label="Code" hint="JavaScript, run in a sandbox. Read variables as input.name and earlier outputs as input.steps; return this step's output.">
        {(control) => (
          <textarea
            {...control}
            className="input textarea code-input"
            rows={12}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            value={config.code}
            onChange={(event) => update((c) => ({ ...c, code: event.target.value }), `${step.id}:code`)}
          />
        )}
      </Field>

      <fieldset className="editor-section">
        <legend className="editor-section-title">Variables</legend>
        {variables.length > 0 && (
          <ul className="kv-rows">
            {variables.map((variable, index) => {
              const label = fieldLabel(step, `variables.${index}.value`);
              const problem = variableNameProblem(variable.name);
              return (
                <li key={index} className="kv-row kv-row-variable">
                  <div className="kv-key">
                    <label className="visually-hidden" htmlFor={`${id}-${index}-name`}>
                      Variable {index + 1} name
                    </label>
                    <input
                      id={`${id}-${index}-name`}
                      className="input input-mono"
                      type="text"
                      placeholder="name"
                      spellCheck={false}
                      autoComplete="off"
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? `${id}-${index}-problem` : undefined}
                      value={variable.name}
                      onChange={(event) =>
                        setVariables(
                          variables.map((v, i) => (i === index ? { ...v, name: event.target.value } : v)),
                          `${step.id}:variables.${index}.name`,
                        )
                      }
                    />
                    {problem && (
                      <p className="field-error" id={`${id}-${index}-problem`}>
                        {problem}
                      </p>
                    )}
                  </div>
                  <div className="kv-value">
                    <TemplateField
                      step={step}
                      field={`variables.${index}.value`}
                      label={label}
                      hideLabel
                      placeholder="Value"
                      value={variable.value}
                      onChange={(value, key) => setVariables(variables.map((v, i) => (i === index ? { ...v, value } : v)), key)}
                    />
                  </div>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${label}`}
                    onClick={(event) => {
                      const section = event.currentTarget.closest('fieldset');
                      setVariables(variables.filter((_, i) => i !== index));
                      announce(`Removed ${label}`);
                      requestAnimationFrame(() => section?.querySelector<HTMLElement>('.kv-add')?.focus());
                    }}
                  >
                    <TrashIcon />
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <div>
          <button
            type="button"
            className="button button-secondary button-small kv-add"
            onClick={() => {
              const taken = new Set(variables.map((v) => v.name));
              let n = variables.length + 1;
              while (taken.has(`var${n}`)) n++;
              setVariables([...variables, { name: `var${n}`, value: [] }]);
              requestAnimationFrame(() => document.getElementById(`${id}-${variables.length}-name`)?.focus());
            }}
          >
            <PlusIcon />
            Add variable
          </button>
        </div>
      </fieldset>

      <div className="editor-row">
        <NumberField label="Timeout (ms)" value={config.timeoutMs} min={100} max={60_000} onChange={(timeoutMs) => update((c) => ({ ...c, timeoutMs }), `${step.id}:timeoutMs`)} />
        <NumberField
          label="Memory limit (MB)"
          value={config.memoryLimitMb}
          min={8}
          max={512}
          onChange={(memoryLimitMb) => update((c) => ({ ...c, memoryLimitMb }), `${step.id}:memoryLimitMb`)}
        />
      </div>
    </div>
  );
}
