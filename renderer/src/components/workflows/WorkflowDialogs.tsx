import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import type { BridgeError } from '../../../../shared/bridge/errors';
import { secretNameProblem } from '../../../../shared/model/secret';
import type { WorkflowSummary } from '../../../../shared/model/workflow';
import { asBridgeError } from '../../bridge/failure';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { InputField } from '../common/InputField';
import { returnFocus } from '../common/return-focus';

/** Workflow names follow the same rules as key names (1–100 characters, no control characters). */
const workflowNameProblem = (name: string) => secretNameProblem(name);

interface NameDialogProps extends DialogProps {
  title: string;
  description: string;
  initial: string;
  submitLabel: string;
  onSubmit(name: string): Promise<void>;
}

/** New workflow / Rename workflow: one name field. */
export function WorkflowNameDialog({ initial, onSubmit, ...dialog }: NameDialogProps) {
  const submission = useSubmission();
  const name = useTextField(submission, 'name', initial, workflowNameProblem);
  return (
    <FormDialog {...dialog} submission={submission} canSubmit={!name.problem} fields={['name']} onSubmit={() => onSubmit(name.value.trim())}>
      <InputField label="Name" field={name} />
    </FormDialog>
  );
}

/** Confirms deleting a workflow; Cancel has focus first. */
export function DeleteWorkflowDialog({
  workflow,
  onConfirm,
  onClose,
  returnFocusTo,
}: {
  workflow: WorkflowSummary;
  onConfirm(): Promise<void>;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(asBridgeError(failure));
      setPending(false);
    }
  }

  return (
    <AlertDialog.Root open onOpenChange={(open) => open || onClose()}>
      <AlertDialog.Portal>
        <div className="dialog-overlay" />
        <AlertDialog.Content className="dialog dialog-narrow" onCloseAutoFocus={returnFocus(returnFocusTo)}>
          <AlertDialog.Title className="dialog-title">Delete workflow &quot;{workflow.name}&quot;?</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">
            Its steps and its run history are deleted. The secret keys it uses stay in Manage Secret Keys. This can&apos;t be undone.
          </AlertDialog.Description>
          <FormError message={error?.message ?? null} />
          <div className="dialog-actions">
            <AlertDialog.Cancel className="button button-secondary">Cancel</AlertDialog.Cancel>
            <button type="button" className="button button-danger" disabled={pending} aria-busy={pending} onClick={() => void confirm()}>
              Delete
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
