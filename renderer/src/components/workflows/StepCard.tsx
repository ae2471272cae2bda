import type { DragEvent, KeyboardEvent } from 'react';
import { ACTIONS } from '../../../../shared/model/actions';
import type { Step } from '../../../../shared/model/workflow';
import { ArrowDownIcon, ArrowUpIcon, GripIcon, TrashIcon } from './icons';
import type { StepProblems } from './step-problems';

export type DropSide = 'before' | 'after';

interface Props {
  step: Step;
  index: number;
  count: number;
  selected: boolean;
  /** Viewers: the step can be selected and read, not moved or deleted. */
  readOnly: boolean;
  summary: string;
  problems: StepProblems;
  dragging: boolean;
  dropSide: DropSide | null;
  onSelect(): void;
  onMove(to: number): void;
  onDelete(): void;
  onDragStart(event: DragEvent<HTMLLIElement>): void;
  onDragOver(event: DragEvent<HTMLLIElement>): void;
  onDrop(event: DragEvent<HTMLLIElement>): void;
  onDragEnd(): void;
}

export const stepElementId = (stepId: string, part: 'select' | 'up' | 'down' | 'delete' | 'title') => `step-${part}-${stepId}`;

/** One step in the flow: select to configure; reorder by dragging, the Move buttons or Alt+Arrow keys. */
export function StepCard(props: Props) {
  const { step, index, count, selected, readOnly, summary, problems, dragging, dropSide } = props;
  const titleId = stepElementId(step.id, 'title');

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (readOnly || !event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowUp' && index > 0) {
      event.preventDefault();
      props.onMove(index - 1);
    } else if (event.key === 'ArrowDown' && index < count - 1) {
      event.preventDefault();
      props.onMove(index + 1);
    }
  }

  const classes = ['step-card', selected && 'step-card-selected', dragging && 'step-card-dragging', dropSide && `step-card-drop-${dropSide}`].filter(Boolean).join(' ');
  const attention =
    problems.broken > 0
      ? 'Needs reconfiguration'
      : problems.plainCredentials > 0
        ? 'Credential in plain text'
        : problems.wrongType > 0 || problems.badOutputs > 0 || problems.disallowedHost > 0 || problems.authConflict || problems.invalid
          ? 'Needs attention'
          : null;

  return (
    <li
      className={classes}
      aria-labelledby={titleId}
      draggable={!readOnly}
      onDragStart={readOnly ? undefined : props.onDragStart}
      onDragOver={readOnly ? undefined : props.onDragOver}
      onDrop={readOnly ? undefined : props.onDrop}
      onDragEnd={readOnly ? undefined : props.onDragEnd}
      onKeyDown={onKeyDown}
    >
      {!readOnly && (
        <span className="step-grip" aria-hidden="true" title="Drag to reorder">
          <GripIcon />
        </span>
      )}
      <button
        id={stepElementId(step.id, 'select')}
        type="button"
        className="step-card-main"
        aria-current={selected ? 'true' : undefined}
        aria-describedby={readOnly ? undefined : `${titleId}-hint`}
        onClick={props.onSelect}
      >
        <span className="step-number" aria-hidden="true">
          {index + 1}
        </span>
        <span className="step-text">
          <span className="step-name" id={titleId}>
            {step.name}
          </span>
          <span className={step.name === ACTIONS[step.action].label ? 'visually-hidden' : 'step-action'}>
            <span className="visually-hidden">
              , step {index + 1} of {count},{' '}
            </span>
            {step.name === ACTIONS[step.action].label ? '' : ACTIONS[step.action].label}
          </span>
          {summary && <span className="step-summary">{summary}</span>}
          {attention && <span className={`badge ${problems.broken > 0 ? 'badge-danger' : 'badge-warning'}`}>{attention}</span>}
        </span>
      </button>
      {!readOnly && (
        <>
          <span className="visually-hidden" id={`${titleId}-hint`}>
            Alt+Up and Alt+Down move this step.
          </span>
          <div className="step-card-actions">
            <button
              id={stepElementId(step.id, 'up')}
              type="button"
              className="icon-button"
              aria-label="Move up"
              aria-describedby={titleId}
              disabled={index === 0}
              onClick={() => props.onMove(index - 1)}
            >
              <ArrowUpIcon />
            </button>
            <button
              id={stepElementId(step.id, 'down')}
              type="button"
              className="icon-button"
              aria-label="Move down"
              aria-describedby={titleId}
              disabled={index === count - 1}
              onClick={() => props.onMove(index + 1)}
            >
              <ArrowDownIcon />
            </button>
            <button
              id={stepElementId(step.id, 'delete')}
              type="button"
              className="icon-button icon-button-danger"
              aria-label="Delete step"
              aria-describedby={titleId}
              onClick={props.onDelete}
            >
              <TrashIcon />
            </button>
          </div>
        </>
      )}
    </li>
  );
}
