import { secretNameProblem } from '../../../../shared/model/secret';
import type { WorkflowSummary } from '../../../../shared/model/workflow';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { ConfirmDeleteDialog } from '../common/ConfirmDialog';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';

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
export function DeleteWorkflowDialog({ workflow, ...dialog }: DialogProps & { workflow: WorkflowSummary; onConfirm(): Promise<void> }) {
  return (
    <ConfirmDeleteDialog
      {...dialog}
      title={<>Delete workflow &quot;{workflow.name}&quot;?</>}
      description="Its steps and its run history are deleted. The secret keys it uses stay in Manage Secret Keys. This can't be undone."
    />
  );
}
