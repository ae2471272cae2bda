import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import type { BridgeError } from '../../../../shared/bridge/errors';
import { secretNameProblem } from '../../../../shared/model/secret';
import type { WorkflowSummary } from '../../../../shared/model/workflow';
import { asBridgeError } from '../../bridge/failure';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { Field } from '../common/Field';
import { CancelButton, FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { returnFocus } from '../common/return-focus';

/** Workflow names follow the same rules as key names (1–100 characters, no control characters). */
const workflowNameProblem = (name: string) => secretNameProblem(name);

interface NameDialogProps {
  title: string;
  description: string;
  initial: string;
  submitLabel: string;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

/** New workflow / Rename workflow: one name field. */
export function WorkflowNameDialog({ title, description, initial, submitLabel, onSubmit, onClose, returnFocusTo }: NameDialogProps) {
  const submission = useSubmission();
  const name = useTextField(submission, 'name', initial, workflowNameProblem);
  return (
    <FormDialog title={title} description={description} onClose={onClose} returnFocusTo={returnFocusTo}>
      <form className="form" noValidate onSubmit={(event) => submission.submit(event, !name.problem, () => onSubmit(name.value.trim()))}>
        <Field label="Name" error={name.error} alert={Boolean(submission.errorFor('name'))}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              autoComplete="off"
              value={name.value}
              onChange={(event) => name.change(event.target.value)}
              onBlur={name.blur}
            />
          )}
        </Field>
        <FormError message={submission.formError(['name'])} />
        <div className="dialog-actions">
          <CancelButton />
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            {submitLabel}
          </button>
        </div>
      </form>
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
