import type { RunCodeConfig, Step } from '../../../../shared/model/workflow';
import { Field } from '../common/Field';
import { NumberField, useConfigEditor } from './editor-fields';
import { KeyValueTable } from './KeyValueTable';

type CodeStep = Extract<Step, { action: 'code.run' }>;

export function variableNameProblem(name: string): string | null {
  if (name === '') return 'A name is required.';
  if (!/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/.test(name)) return 'Use a JavaScript name: letters, digits, _ or $, not starting with a digit.';
  if (name === 'steps') return '“steps” is reserved: input.steps holds the previous steps’ outputs.';
  return null;
}

/** var1, var2, …: the first not taken, counting from the number of variables. */
function freeVariableName(taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`var${n}`)) n++;
  return `var${n}`;
}

/** Run Code: the script, its variables (templates: secrets are injected at run time), and its limits. */
export function RunCodeEditor({ step }: { step: CodeStep }) {
  const config = step.config;
  const update = useConfigEditor<RunCodeConfig>(step);

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

      <KeyValueTable
        step={step}
        list="variables"
        title="Variables"
        noun="variable"
        keyPlaceholder="name"
        monoKeys
        keyProblem={variableNameProblem}
        rows={config.variables.map(({ name, value }) => ({ key: name, value }))}
        newRow={(rows) => ({ key: freeVariableName(rows.map((row) => row.key)), value: [] })}
        onChange={(rows, key) => update((c) => ({ ...c, variables: rows.map((row) => ({ name: row.key, value: row.value })) }), key)}
      />

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
