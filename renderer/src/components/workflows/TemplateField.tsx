import { Fragment, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { credentialsInTemplate, fieldContext } from '../../../../shared/detection/step-credentials';
import { fingerprintOf } from '../../../../shared/detection/fingerprint';
import { withSecretChip } from '../../../../shared/model/template';
import { asBridgeError } from '../../bridge/failure';
import { useConvertCredential } from '../../hooks/use-convert-credential';
import { CredentialNotices, type NoticedCredential } from './CredentialNotices';
import { acceptedSecretType, fieldLabel } from '../../../../shared/model/actions';
import type { SecretMeta } from '../../../../shared/model/secret';
import { outputPathProblem, type Template } from '../../../../shared/model/template';
import { outputReferenceProblem, secretReferenceProblem } from '../../../../shared/model/reference-problems';
import type { Step } from '../../../../shared/model/workflow';
import { useDeletedKeys, useEnvironments, useSecrets, useWorkflowEditor } from '../../store';
import { deletedKeyText } from './template-text';
import { fieldPhrase } from '../../format/field-phrase';
import { hostProblem, requestHost } from './request-checks';
import { useIsTeamWorkspace } from '../../hooks/use-rights';
import { useAnnouncer } from '../../store/announcer-store';
import { earlierSteps } from '../../store/workflow-edits';
import { SECRET_TYPE_LABELS, typeInText } from '../secrets/secret-types';
import { useBuilderActions } from './builder-context';
import { KeyIcon, OutputIcon, SmallCloseIcon, VariableIcon } from './icons';
import { InsertMenu } from './InsertMenu';
import { RunCodeReadOffer } from './RunCodeReadOffer';
import { fromSlots, insertToken, removeToken, replaceToken, setText, toSlots, type Caret, type Slots, type Token } from './template-slots';

interface Props {
  step: Step;
  /** The field's path in the step's config, e.g. "url" or "headers.0.value". */
  field: string;
  value: Template;
  onChange(next: Template, key?: string): void;
  /** Defaults to fieldLabel(step, field). */
  label?: string;
  hideLabel?: boolean;
  multiline?: boolean;
  placeholder?: string;
  hint?: ReactNode;
}

type PendingFocus = { kind: 'text'; caret: Caret } | { kind: 'chip'; index: number };

const NO_STEPS: readonly Step[] = [];

interface ChipInfo {
  /** What the chip shows. */
  text: string;
  /** Its accessible name. */
  label: string;
  broken: boolean;
  problem: string | null;
}

/**
 * A field whose value is a template: literal text in inline inputs, and atomic chips for
 * secret keys (shown by their current name, never a value) and previous steps' outputs.
 * The "+" inserts at the caret. Backspace right after a chip selects it; Backspace or
 * Delete on a selected chip removes it.
 */
export function TemplateField({ step, field, value, onChange, label: labelProp, hideLabel = false, multiline = false, placeholder, hint }: Props) {
  const label = labelProp ?? fieldLabel(step, field);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const secretItems = useSecrets((state) => state.items);
  const secretsReady = useSecrets((state) => state.loadState === 'ready');
  const restricted = useSecrets((state) => state.restricted);
  const deletedNames = useDeletedKeys((state) => state.names);
  const variables = useEnvironments((state) => state.variables);
  const variablesById = useEnvironments((state) => state.variablesById);
  const variablesReady = useEnvironments((state) => state.loadState === 'ready');
  const steps = useWorkflowEditor((state) => state.history?.present.definition.steps ?? NO_STEPS);
  const announce = useAnnouncer((state) => state.announce);
  const editStep = useWorkflowEditor((state) => state.editStep);
  const builder = useBuilderActions();
  const convertCredential = useConvertCredential();
  const [convertProblem, setConvertProblem] = useState<string | null>(null);

  const acceptedType = acceptedSecretType(step.action, field);
  const host = requestHost(step);
  const team = useIsTeamWorkspace();
  const before = useMemo(() => earlierSteps(steps, step.id), [steps, step.id]);
  const secretsById = useMemo(() => new Map(secretItems.map((secret) => [secret.id, secret])), [secretItems]);
  const slots = useMemo(() => toSlots(value), [value]);

  const containerRef = useRef<HTMLDivElement>(null);
  const inputRefs = useRef<(HTMLInputElement | HTMLTextAreaElement | null)[]>([]);
  const chipRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const caretRef = useRef<Caret | null>(null);
  const pendingFocus = useRef<PendingFocus | null>(null);
  const valueRef = useRef(value);
  valueRef.current = value;
  const coalesceKey = `${step.id}:${field}`;

  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    pendingFocus.current = null;
    if (pending.kind === 'chip') chipRefs.current[pending.index]?.focus();
    else focusText(pending.caret.slot, pending.caret.offset);
  });

  function focusText(slot: number, offset: number) {
    const input = inputRefs.current[slot];
    if (!input) return;
    input.focus();
    const at = Math.min(offset, input.value.length);
    input.setSelectionRange(at, at);
    caretRef.current = { slot, offset: at };
  }

  function commit(next: Slots, key?: string) {
    onChange(fromSlots(next), key);
  }

  function chipInfo(token: Token): ChipInfo {
    if (token.kind === 'secret') {
      const secret = secretsById.get(token.secretId);
      if (!secret && !secretsReady) return { text: '…', label: 'Secret key (loading)', broken: false, problem: null };
      const problem = secretReferenceProblem(step.action, field, secret, restricted.has(token.secretId));
      switch (problem?.kind) {
        case 'restricted':
          return {
            text: 'Restricted key',
            label: 'Restricted secret key (you have no access)',
            broken: true,
            problem: 'This key is restricted and you have no access to it, so this step can’t run for you. Ask its owner or an Admin for Use access.',
          };
        case 'deleted': {
          const name = deletedNames.get(token.secretId);
          return {
            text: deletedKeyText(name),
            label: `Deleted secret key${name ? ` “${name}”` : ''} (broken reference)`,
            broken: true,
            problem: `${name ? `The secret key “${name}”` : 'A secret key'} used here was deleted: remove it and insert another.`,
          };
        }
        case 'no-use':
          return {
            text: problem.secret.name,
            label: `Secret key ${problem.secret.name} (you may not use it)`,
            broken: true,
            problem: `You don’t have Use access to “${problem.secret.name}”, so this step can’t run for you. Ask its owner or an Admin for Use access.`,
          };
        case 'wrong-type':
          return {
            text: problem.secret.name,
            label: `Secret key ${problem.secret.name} (not usable here)`,
            broken: true,
            problem: `“${problem.secret.name}” is a ${SECRET_TYPE_LABELS[problem.secret.type]} key; ${label} takes only ${typeInText(problem.accepted)} keys.`,
          };
        default:
          // Not readable by Run Code: RunCodeReadOffer below offers to turn that on.
          return { text: secret!.name, label: `Secret key ${secret!.name}`, broken: false, problem: hostProblem(secret!, host) };
      }
    }
    if (token.kind === 'variable') {
      const variable = variablesById.get(token.variableId);
      if (variable) return { text: variable.name, label: `Variable ${variable.name}`, broken: false, problem: null };
      if (!variablesReady) return { text: '…', label: 'Variable (loading)', broken: false, problem: null };
      return { text: 'Deleted variable', label: 'Deleted variable (broken reference)', broken: true, problem: 'The variable used here was deleted: remove it and insert another.' };
    }
    const problem = outputReferenceProblem(
      steps,
      steps.findIndex((candidate) => candidate.id === step.id),
      token.stepId,
      token.path,
    );
    const source = steps.find((candidate) => candidate.id === token.stepId);
    switch (problem?.kind) {
      case 'deleted-step':
        return { text: 'Deleted step', label: 'Output of a deleted step (broken reference)', broken: true, problem: 'This output comes from a step that was deleted.' };
      case 'later-step':
        return {
          text: problem.stepName,
          label: `Output of ${problem.stepName} (runs later)`,
          broken: true,
          problem: `“${problem.stepName}” runs after this step, so its output is not available here.`,
        };
      default:
        return { text: source!.name, label: `Output of ${source!.name}`, broken: false, problem: problem?.message ?? null };
    }
  }

  // Detection runs here, on what is typed: nothing is sent anywhere until Convert is chosen.
  const context = useMemo(() => fieldContext(step, field), [step, field]);
  const literals = useMemo(() => {
    const kept = new Set(step.plainText ?? []);
    return credentialsInTemplate(value, context)
      .map((credential) => ({ ...credential, fingerprint: fingerprintOf(credential.value) }))
      .filter((credential) => !kept.has(credential.fingerprint));
  }, [value, context, step.plainText]);

  async function convert(credential: NoticedCredential) {
    setConvertProblem(null);
    try {
      const secret = await convertCredential({ value: credential.value, ruleId: credential.ruleId, origin: host, type: acceptedType });
      // Found again in the field as it is now (it may have been edited meanwhile).
      const current = valueRef.current;
      const again = credentialsInTemplate(current, context).find((found) => found.value === credential.value);
      if (again) onChange(withSecretChip(current, again.segment, again.start, again.end, secret.id));
      announce(`Created the secret key “${secret.name}” and put it in ${fieldPhrase(label)}.`);
    } catch (error) {
      setConvertProblem(`Not converted: ${asBridgeError(error).message}`);
    }
  }

  function keepAsPlainText(credential: NoticedCredential) {
    editStep(step.id, (current) => ({ ...current, plainText: [...new Set([...(current.plainText ?? []), credential.fingerprint])] }));
    announce(`Kept as plain text in ${fieldPhrase(label)}.`);
  }

  const infos = slots.tokens.map(chipInfo);
  // A key in a Run Code variable must be readable by Run Code: offer to turn that on.
  const unreadable = [...new Set(slots.tokens.flatMap((token) => (token.kind === 'secret' ? [token.secretId] : [])))].flatMap((secretId) => {
    const problem = secretReferenceProblem(step.action, field, secretsById.get(secretId));
    return problem?.kind === 'unreadable-by-code' ? [problem.secret] : [];
  });
  const problems = [...new Set(infos.map((info) => info.problem).filter((problem): problem is string => problem !== null))];

  function insert(token: Token, announcement: string) {
    const current = toSlots(valueRef.current);
    const { slots: next, caret } = insertToken(current, caretRef.current, token);
    caretRef.current = caret;
    commit(next);
    announce(announcement);
  }

  function insertSecret(secret: SecretMeta) {
    insert({ kind: 'secret', secretId: secret.id }, `Inserted secret key “${secret.name}” into ${fieldPhrase(label)}`);
  }

  function removeChip(index: number) {
    const info = infos[index];
    const { slots: next, caret } = removeToken(slots, index);
    pendingFocus.current = { kind: 'text', caret };
    commit(next);
    announce(`Removed ${info?.text ?? 'item'} from ${label}`);
  }

  function onTextKeyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>, slot: number) {
    const input = event.currentTarget;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    const collapsed = start === end;
    if (!collapsed || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if ((event.key === 'Backspace' || event.key === 'ArrowLeft') && start === 0 && slot > 0) {
      event.preventDefault();
      chipRefs.current[slot - 1]?.focus();
    } else if ((event.key === 'Delete' || event.key === 'ArrowRight') && start === input.value.length && slot < slots.tokens.length) {
      event.preventDefault();
      chipRefs.current[slot]?.focus();
    }
  }

  function onChipKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    if (event.key === 'Backspace' || event.key === 'Delete') {
      event.preventDefault();
      removeChip(index);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      focusText(index, slots.texts[index]!.length);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      focusText(index + 1, 0);
    }
  }

  function trackCaret(slot: number, input: HTMLInputElement | HTMLTextAreaElement) {
    caretRef.current = { slot, offset: input.selectionStart ?? input.value.length };
  }

  const describedBy = [hint ? hintId : null, problems.length > 0 ? errorId : null].filter(Boolean).join(' ') || undefined;
  const only = slots.tokens.length === 0;

  return (
    <div className="field template-field">
      <label className={hideLabel ? 'visually-hidden' : 'field-label'} htmlFor={`${id}-0`}>
        {label}
      </label>
      <div className="template-row" ref={containerRef}>
        <div
          className={`template-box${multiline ? ' template-box-multiline' : ''}${problems.length > 0 ? ' template-box-invalid' : ''}`}
          onMouseDown={(event) => {
            // A click on the box's background goes to the end, like in one input.
            if (event.target === event.currentTarget) {
              event.preventDefault();
              const last = slots.texts.length - 1;
              focusText(last, slots.texts[last]!.length);
            }
          }}
        >
          {slots.texts.map((text, slot) => {
            const isLast = slot === slots.texts.length - 1;
            const previous = slot > 0 ? infos[slot - 1] : undefined;
            const common = {
              id: `${id}-${slot}`,
              value: text,
              spellCheck: false,
              autoComplete: 'off',
              'aria-label': slot === 0 ? undefined : `${label}, after ${previous?.text ?? 'item'}`,
              'aria-describedby': slot === 0 ? describedBy : undefined,
              'aria-invalid': slot === 0 && problems.length > 0 ? (true as const) : undefined,
              placeholder: only ? placeholder : undefined,
              onChange: (event: { target: HTMLInputElement | HTMLTextAreaElement }) => {
                trackCaret(slot, event.target);
                commit(setText(slots, slot, event.target.value), coalesceKey);
              },
              onSelect: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => trackCaret(slot, event.currentTarget),
              onFocus: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => trackCaret(slot, event.currentTarget),
              onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => onTextKeyDown(event, slot),
            };
            const token = slots.tokens[slot];
            const info = infos[slot];
            return (
              <Fragment key={slot}>
                {multiline ? (
                  <textarea
                    {...common}
                    ref={(element) => {
                      inputRefs.current[slot] = element;
                    }}
                    className={`template-text template-textarea${isLast ? ' template-text-last' : ''}`}
                    rows={Math.max(only ? 4 : 1, text.split('\n').length)}
                  />
                ) : (
                  <input
                    {...common}
                    ref={(element) => {
                      inputRefs.current[slot] = element;
                    }}
                    type="text"
                    className={`template-text${isLast ? ' template-text-last' : ''}`}
                    size={Math.max(2, text.length + 1)}
                  />
                )}
                {token && info && (
                  <span className={`chip chip-${token.kind}${info.broken ? ' chip-broken' : ''}`} role="group" aria-label={info.label}>
                    {token.kind === 'secret' ? <KeyIcon /> : token.kind === 'variable' ? <VariableIcon /> : <OutputIcon />}
                    <span className="chip-name" aria-hidden="true">
                      {info.text}
                    </span>
                    {token.kind === 'output' && (
                      <>
                        <span className="chip-separator" aria-hidden="true">
                          ›
                        </span>
                        <input
                          className="chip-path"
                          type="text"
                          aria-label={`Path in output of ${info.text}`}
                          aria-invalid={outputPathProblem(token.path) ? true : undefined}
                          placeholder="whole output"
                          spellCheck={false}
                          autoComplete="off"
                          size={Math.max(11, token.path.length + 1)}
                          value={token.path}
                          onChange={(event) => commit(replaceToken(slots, slot, { ...token, path: event.target.value }), `${coalesceKey}:path:${slot}`)}
                        />
                      </>
                    )}
                    <button
                      ref={(element) => {
                        chipRefs.current[slot] = element;
                      }}
                      type="button"
                      className="chip-remove"
                      aria-label={`Remove ${info.text} from ${label}`}
                      onClick={() => removeChip(slot)}
                      onKeyDown={(event) => onChipKeyDown(event, slot)}
                    >
                      <SmallCloseIcon />
                    </button>
                  </span>
                )}
              </Fragment>
            );
          })}
        </div>
        <InsertMenu
          fieldLabel={label}
          acceptedType={acceptedType}
          secrets={secretItems}
          earlierSteps={before}
          host={host}
          team={team}
          onInsertSecret={insertSecret}
          onInsertOutput={(source) => insert({ kind: 'output', stepId: source.id, path: '' }, `Inserted the output of “${source.name}” into ${fieldPhrase(label)}`)}
          onCreateSecret={
            builder.canCreateSecrets
              ? (name) =>
                  builder.requestCreateKey({
                    name,
                    type: acceptedType,
                    fieldLabel: label,
                    returnFocusTo: () => containerRef.current?.querySelector<HTMLElement>('.insert-button') ?? null,
                    onCreated: (secret) => {
                      if (secret.type === acceptedType) insertSecret(secret);
                      else announce(`Secret key “${secret.name}” created. It is a ${SECRET_TYPE_LABELS[secret.type]} key, so it was not inserted into ${fieldPhrase(label)}.`);
                    },
                  })
              : undefined
          }
          onManageSecrets={builder.manageKeys}
          variables={variables}
          onInsertVariable={(variable) => insert({ kind: 'variable', variableId: variable.id }, `Inserted variable “${variable.name}” into ${fieldPhrase(label)}`)}
          onManageVariables={builder.manageEnvironments}
        />
      </div>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <CredentialNotices
        credentials={literals}
        fieldLabel={label}
        onConvert={!builder.readOnly && builder.canCreateSecrets ? (credential) => void convert(credential) : undefined}
        onKeep={builder.readOnly ? undefined : keepAsPlainText}
      />
      {convertProblem && (
        <p className="field-error" role="alert">
          {convertProblem}
        </p>
      )}
      <RunCodeReadOffer secrets={unreadable} />
      {problems.length > 0 && (
        <div className="field-error" id={errorId}>
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
    </div>
  );
}
