import { useRef } from 'react';
import { useNavigation, useWorkflowEditor } from '../../store';
import { LeaveBuilderDialog } from './LeaveBuilderDialog';

/** Asks about unsaved edits when a navigation would drop them (the navigation store holds it as pending). */
export function LeaveGuard() {
  const pending = useNavigation((state) => state.pending !== null);
  const name = useWorkflowEditor((state) => state.history?.present.name ?? '');
  // Focus goes back to what the user was on when they tried to leave.
  const origin = useRef<Element | null>(null);
  if (!pending) {
    origin.current = null;
    return null;
  }
  origin.current ??= document.activeElement;
  const { proceed, stay } = useNavigation.getState();
  return (
    <LeaveBuilderDialog
      workflowName={name}
      returnFocusTo={() => (origin.current instanceof HTMLElement && origin.current.isConnected ? origin.current : null)}
      onClose={stay}
      onDiscard={proceed}
      onSave={async () => {
        const saved = await useWorkflowEditor.getState().save();
        if (saved) proceed();
        return saved !== null;
      }}
    />
  );
}
