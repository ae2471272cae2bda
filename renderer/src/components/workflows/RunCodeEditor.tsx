import { useMemo, useRef, useState } from 'react';
import type { RunCodeConfig, Step } from '../../../../shared/model/workflow';
import { detectCredentials } from '../../../../shared/detection/detect';
import { fingerprintOf } from '../../../../shared/detection/fingerprint';
import { asBridgeError } from '../../bridge/failure';
import { useConvertCredential } from '../../hooks/use-convert-credential';
import { useRuns, useWorkflowEditor } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { codeReadingInput, variableNameFor } from '../../../../shared/detection/code-literal';
import { CredentialNotices, type NoticedCredential } from './CredentialNotices';
import { useBuilderActions } from './builder-context';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor';
import { CodeInsertMenu } from './CodeInsertMenu';
import { thrownLine } from './code-diagnostics';
import { NumberField, useConfigEditor } from './editor-fields';
import { KeyValueTable } from './KeyValueTable';

type CodeStep = Extract<Step, { action: 'code.run' }>;

const CODE_HINT =
  "JavaScript, run in a sandbox. Read variables as input.name and earlier outputs as input.steps; return this step's output. Tab indents; press Escape, then Tab, to leave the editor.";

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

/** The error this step's code threw in the shown run, with its line, if the sandbox named one. */
function useRunError(stepId: string): { line: number; message: string } | null {
  const message = useRuns((state) => state.current?.steps.find((result) => result.stepId === stepId)?.error?.message);
  const line = thrownLine(message);
  // "Step 2 “Summarize”: the code threw …": the step goes without saying here.
  return line === null || !message ? null : { line, message: message.replace(/^Step \d+ “[^”]*”: /, '') };
}

/** Run Code: the script (a code editor), its variables (templates: secrets are injected at run time), and its limits. */
export function RunCodeEditor({ step }: { step: CodeStep }) {
  const config = step.config;
  const update = useConfigEditor<RunCodeConfig>(step);
  const { readOnly, canCreateSecrets } = useBuilderActions();
  const runError = useRunError(step.id);
  const editor = useRef<CodeEditorHandle>(null);
  const literals = useCodeLiterals(step);
  const { convert, keep, problem } = useCodeLiteralActions(step, update);

  return (
    <div className="editor">
      <div className="field">
        <div className="code-label-row">
          <span className="field-label" aria-hidden="true">
            Code
          </span>
          {!readOnly && <CodeInsertMenu variables={config.variables.map((variable) => variable.name)} onInsert={(text) => editor.current?.insert(text)} />}
        </div>
        <CodeEditor
          ref={editor}
          value={config.code}
          label="Code"
          description={CODE_HINT}
          readOnly={readOnly}
          runError={runError}
          onChange={(code) => update((c) => ({ ...c, code }), `${step.id}:code`)}
        />
        <p className="field-hint">{CODE_HINT}</p>
        {runError && (
          <p className="field-error">
            Line {runError.line}: {runError.message}
          </p>
        )}
        <CredentialNotices
          credentials={literals}
          fieldLabel="Code"
          onConvert={!readOnly && canCreateSecrets ? (credential) => void convert(credential) : undefined}
          onKeep={readOnly ? undefined : keep}
        />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>

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

/** Credentials in the step's source that were neither converted nor kept as plain text. */
function useCodeLiterals(step: CodeStep): NoticedCredential[] {
  const code = step.config.code;
  const plainText = step.plainText;
  return useMemo(() => {
    const kept = new Set(plainText ?? []);
    return detectCredentials(code, { kind: 'text' })
      .map((detection) => {
        const value = code.slice(detection.start, detection.end);
        return { ruleId: detection.ruleId, value, fingerprint: fingerprintOf(value) };
      })
      .filter((credential) => !kept.has(credential.fingerprint));
  }, [code, plainText]);
}

/** Convert: a key, an input variable holding it, and the code reading the variable. Keep: recorded in the step. */
function useCodeLiteralActions(step: CodeStep, update: (change: (config: RunCodeConfig) => RunCodeConfig, key?: string) => void) {
  const convertCredential = useConvertCredential();
  const editStep = useWorkflowEditor((state) => state.editStep);
  const announce = useAnnouncer((state) => state.announce);
  const [problem, setProblem] = useState<string | null>(null);
  async function convert(credential: NoticedCredential) {
    setProblem(null);
    try {
      const secret = await convertCredential({ value: credential.value, ruleId: credential.ruleId, origin: null, type: 'generic' });
      update((config) => {
        const at = config.code.indexOf(credential.value);
        if (at < 0) return config;
        const name = variableNameFor(
          secret.name,
          config.variables.map((variable) => variable.name),
        );
        return {
          ...config,
          code: codeReadingInput(config.code, at, at + credential.value.length, name),
          variables: [...config.variables, { name, value: [{ kind: 'secret', secretId: secret.id }] }],
        };
      });
      announce(`Created the secret key “${secret.name}”; the code now reads it from an input variable.`);
    } catch (error) {
      setProblem(`Not converted: ${asBridgeError(error).message}`);
    }
  }
  function keep(credential: NoticedCredential) {
    editStep(step.id, (current) => ({ ...current, plainText: [...new Set([...(current.plainText ?? []), credential.fingerprint])] }));
    announce('Kept as plain text in the code.');
  }
  return { convert, keep, problem };
}
