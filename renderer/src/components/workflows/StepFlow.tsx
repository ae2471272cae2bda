import { useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ActionId, Step } from '../../../../shared/model/workflow';
import { useDeletedKeys, useEnvironments, useSecrets, useWorkflowEditor } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { createStep, dropIndex, moveItem, removeStep } from '../../store/workflow-edits';
import { AddStepMenu } from './AddStepMenu';
import { useBuilderActions } from './builder-context';
import { BoltIcon } from './icons';
import { StepCard, stepElementId, type DropSide } from './StepCard';
import { stepProblems } from './step-problems';
import { templateSummary } from './template-text';

const NO_STEPS: readonly Step[] = [];
const DRAG_TYPE = 'application/x-keyflow-step';

function summaryOf(step: Step, names: Parameters<typeof templateSummary>[1]): string {
  switch (step.action) {
    case 'http.request':
      return `${step.config.method} ${templateSummary(step.config.url, names)}`.trim();
    case 'code.run': {
      const vars = step.config.variables.length;
      return vars === 0 ? 'JavaScript' : `JavaScript, ${vars} variable${vars === 1 ? '' : 's'}`;
    }
    case 'sendgrid.sendEmail':
    case 'mailgun.sendMessage':
      return templateSummary(step.config.to, names) ? `To ${templateSummary(step.config.to, names)}` : '';
    case 'slack.postMessage':
      return templateSummary(step.config.channel, names);
  }
}

/** The trigger, then the steps in order, then Add step. */
export function StepFlow() {
  const steps = useWorkflowEditor((state) => state.history?.present.definition.steps ?? NO_STEPS);
  const selectedStepId = useWorkflowEditor((state) => state.selectedStepId);
  const select = useWorkflowEditor((state) => state.select);
  const editSteps = useWorkflowEditor((state) => state.editSteps);
  const secretItems = useSecrets((state) => state.items);
  const secretsReady = useSecrets((state) => state.loadState === 'ready');
  const announce = useAnnouncer((state) => state.announce);
  const { readOnly } = useBuilderActions();

  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ index: number; side: DropSide } | null>(null);
  const focusAfter = useRef<{ id: string; fallback: string } | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const secretsById = useMemo(() => new Map(secretItems.map((secret) => [secret.id, secret])), [secretItems]);
  const restricted = useSecrets((state) => state.restricted);
  const deleted = useDeletedKeys((state) => state.names);
  const variables = useEnvironments((state) => state.variablesById);
  const names = useMemo(() => ({ secrets: secretsById, restricted, deleted, variables, steps }), [secretsById, restricted, deleted, variables, steps]);

  useLayoutEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    const element = document.getElementById(target.id) as HTMLButtonElement | null;
    if (element && !element.disabled) element.focus();
    else if (target.fallback === 'add') addRef.current?.focus();
    else document.getElementById(target.fallback)?.focus();
  });

  function move(from: number, to: number, focusId?: string) {
    const step = steps[from];
    if (!step || to < 0 || to >= steps.length || to === from) return;
    editSteps((current) => [...moveItem(current, from, to)]);
    if (focusId) focusAfter.current = { id: focusId, fallback: stepElementId(step.id, 'select') };
    announce(`Moved “${step.name}” to position ${to + 1} of ${steps.length}`);
  }

  function remove(step: Step, index: number) {
    const next = steps[index + 1] ?? steps[index - 1];
    editSteps((current) => removeStep(current, step.id));
    if (selectedStepId === step.id) select(next?.id ?? null);
    focusAfter.current = next ? { id: stepElementId(next.id, 'select'), fallback: 'add' } : { id: '', fallback: 'add' };
    announce(`Deleted step “${step.name}”. Undo brings it back.`);
  }

  function add(action: ActionId) {
    const step = createStep(action, steps);
    editSteps((current) => [...current, step]);
    select(step.id);
    announce(`Added step “${step.name}”. Configure it in the panel.`);
  }

  function onDragStart(event: DragEvent<HTMLLIElement>, step: Step) {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, step.id);
    setDragId(step.id);
  }

  function onDragOver(event: DragEvent<HTMLLIElement>, index: number) {
    if (!dragId) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const rect = event.currentTarget.getBoundingClientRect();
    const side: DropSide = event.clientY > rect.top + rect.height / 2 ? 'after' : 'before';
    if (drop?.index !== index || drop.side !== side) setDrop({ index, side });
  }

  function onDrop(event: DragEvent<HTMLLIElement>, index: number) {
    if (!dragId) return;
    event.preventDefault();
    const from = steps.findIndex((step) => step.id === dragId);
    const rect = event.currentTarget.getBoundingClientRect();
    const after = event.clientY > rect.top + rect.height / 2;
    if (from >= 0) move(from, dropIndex(from, index, after));
    setDragId(null);
    setDrop(null);
  }

  return (
    <section className="flow" aria-labelledby="flow-heading">
      <h2 id="flow-heading" className="section-title">
        Steps
      </h2>
      <div className="trigger-card">
        <span className="trigger-icon">
          <BoltIcon />
        </span>
        <div>
          <p className="trigger-label">Trigger</p>
          <p className="trigger-name">Manual run</p>
          <p className="note">Runs when you press Run.</p>
        </div>
      </div>
      {steps.length > 0 ? (
        <ol className="step-list" aria-label="Steps" onDragLeave={(event) => event.currentTarget === event.target && setDrop(null)}>
          {steps.map((step, index) => (
            <StepCard
              key={step.id}
              step={step}
              index={index}
              count={steps.length}
              selected={step.id === selectedStepId}
              readOnly={readOnly}
              summary={summaryOf(step, names)}
              problems={stepProblems(step, secretsReady ? secretsById : null, steps)}
              dragging={step.id === dragId}
              dropSide={drop?.index === index && dragId !== step.id ? drop.side : null}
              onSelect={() => select(step.id)}
              onMove={(to) => {
                const active = document.activeElement?.id;
                move(index, to, active && active.endsWith(step.id) ? active : stepElementId(step.id, 'select'));
              }}
              onDelete={() => remove(step, index)}
              onDragStart={(event) => onDragStart(event, step)}
              onDragOver={(event) => onDragOver(event, index)}
              onDrop={(event) => onDrop(event, index)}
              onDragEnd={() => {
                setDragId(null);
                setDrop(null);
              }}
            />
          ))}
        </ol>
      ) : (
        <p className="note">{readOnly ? 'No steps yet.' : 'No steps yet. Add one to call an API, run code or send a message.'}</p>
      )}
      {!readOnly && (
        <div className="flow-add">
          <AddStepMenu ref={addRef} onAdd={add} />
        </div>
      )}
    </section>
  );
}
