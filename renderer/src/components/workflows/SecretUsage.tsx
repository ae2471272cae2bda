import { useEffect, useState } from 'react';
import { fieldLabel } from '../../../../shared/model/actions';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { Step } from '../../../../shared/model/workflow';
import { bridge } from '../../bridge/instance';
import { asBridgeError } from '../../bridge/failure';
import { useNavigation, useWorkflowEditor } from '../../store';
import { DialogClose, DialogFrame } from '../common/DialogFrame';
import type { DialogProps } from '../common/FormDialog';

/** Where a key is used, grouped: workflow › step › the fields (as people read them). */
export interface UsageGroup {
  workflowId: string;
  workflowName: string;
  steps: { stepId: string; stepName: string; fields: string[] }[];
}

type UsageState = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; groups: UsageGroup[] };

async function loadUsage(secretId: string): Promise<UsageGroup[]> {
  const references = await bridge['secrets.usage']({ id: secretId });
  const workflowIds = [...new Set(references.map((reference) => reference.workflowId))];
  // The field labels of list rows ("Header Authorization") need the step itself.
  const workflows = new Map(await Promise.all(workflowIds.map(async (id) => [id, await bridge['workflows.get']({ id }).catch(() => null)] as const)));
  const groups: UsageGroup[] = [];
  for (const reference of references) {
    let group = groups.find((candidate) => candidate.workflowId === reference.workflowId);
    if (!group) groups.push((group = { workflowId: reference.workflowId, workflowName: reference.workflowName, steps: [] }));
    let step = group.steps.find((candidate) => candidate.stepId === reference.stepId);
    if (!step) group.steps.push((step = { stepId: reference.stepId, stepName: reference.stepName, fields: [] }));
    const definition: Step | undefined = workflows.get(reference.workflowId)?.steps.find((candidate) => candidate.id === reference.stepId);
    const label = definition ? fieldLabel(definition, reference.field) : reference.field;
    if (!step.fields.includes(label)) step.fields.push(label);
  }
  return groups;
}

export function useSecretUsage(secretId: string): UsageState {
  const [usage, setUsage] = useState<UsageState>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setUsage({ state: 'loading' });
    loadUsage(secretId).then(
      (groups) => current && setUsage({ state: 'ready', groups }),
      (error: unknown) => current && setUsage({ state: 'failed', message: asBridgeError(error).message }),
    );
    return () => {
      current = false;
    };
  }, [secretId]);
  return usage;
}

interface ListProps {
  secretId: string;
  /** Offer a way to open each workflow at the step (not inside a delete confirmation). */
  onOpen?(workflowId: string, stepId: string): void;
  /** What to say when nothing uses the key; nothing is shown when omitted. */
  emptyText?: string;
}

/** The workflows › steps › fields that use a key. */
export function SecretUsageList({ secretId, onOpen, emptyText }: ListProps) {
  const usage = useSecretUsage(secretId);
  if (usage.state === 'loading') return <p className="note">Looking for workflows that use this key…</p>;
  if (usage.state === 'failed') return <p className="note note-error">Couldn&apos;t list the workflows that use this key: {usage.message}</p>;
  if (usage.groups.length === 0) return emptyText ? <p className="note">{emptyText}</p> : null;
  return (
    <ul className="usage-list" aria-label="Used by">
      {usage.groups.map((group) => (
        <li key={group.workflowId} className="usage-workflow">
          <span className="usage-workflow-name">{group.workflowName}</span>
          <ul className="usage-steps">
            {group.steps.map((step) => (
              <li key={step.stepId} className="usage-step">
                <span className="usage-step-name">{step.stepName}</span>
                <span aria-hidden="true"> › </span>
                <span className="visually-hidden">: </span>
                <span className="usage-fields">{step.fields.join(', ')}</span>
                {onOpen && (
                  <button type="button" className="button button-link" onClick={() => onOpen(group.workflowId, step.stepId)}>
                    Open
                    <span className="visually-hidden">
                      {' '}
                      {step.stepName} in {group.workflowName}
                    </span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** "Used by" for one key, from its row menu in Manage Secret Keys. */
export function SecretUsageDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  const openStep = (workflowId: string, stepId: string) => {
    onClose();
    openWorkflow(workflowId);
    const editor = useWorkflowEditor.getState();
    void editor.open(workflowId).then(() => useWorkflowEditor.getState().select(stepId));
    if (editor.workflowId === workflowId) editor.select(stepId);
  };
  return (
    <DialogFrame title="Used by" description={<>The workflow steps and fields that use &quot;{secret.name}&quot;.</>} onClose={onClose} returnFocusTo={returnFocusTo}>
      <SecretUsageList secretId={secret.id} onOpen={openStep} emptyText="No workflow uses this key yet." />
      <div className="dialog-actions">
        <DialogClose>Close</DialogClose>
      </div>
    </DialogFrame>
  );
}
