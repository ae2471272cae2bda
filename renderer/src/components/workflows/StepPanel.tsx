import { ACTIONS } from '../../../../shared/model/actions';
import type { Step } from '../../../../shared/model/workflow';
import { useWorkflowEditor } from '../../store';
import { Field } from '../common/Field';
import { useBuilderActions } from './builder-context';
import { HttpRequestEditor } from './HttpRequestEditor';
import { IntegrationEditor } from './IntegrationEditor';
import { RunCodeEditor } from './RunCodeEditor';

function Editor({ step }: { step: Step }) {
  switch (step.action) {
    case 'http.request':
      return <HttpRequestEditor step={step} />;
    case 'code.run':
      return <RunCodeEditor step={step} />;
    default:
      return <IntegrationEditor step={step} />;
  }
}

/** The side panel: the selected step's name and configuration. */
export function StepPanel() {
  const step = useWorkflowEditor((state) => state.history?.present.definition.steps.find((candidate) => candidate.id === state.selectedStepId) ?? null);
  const editStep = useWorkflowEditor((state) => state.editStep);
  const { readOnly } = useBuilderActions();

  if (!step) {
    return (
      <aside className="step-panel" aria-label="Step configuration">
        <h2 id="step-panel-heading" className="section-title">
          Configure
        </h2>
        <p className="note">{readOnly ? 'Select a step to see how it is configured.' : 'Select a step to configure it, or add one.'}</p>
      </aside>
    );
  }

  return (
    <aside className="step-panel" aria-label="Step configuration">
      <div className="step-panel-header">
        <h2 id="step-panel-heading" className="section-title">
          Configure <span className="visually-hidden">step </span>“{step.name}”
        </h2>
        <span className="badge">{ACTIONS[step.action].label}</span>
      </div>
      {/* Keyed by step: switching steps starts every field afresh (carets, number inputs). Viewers read it, disabled. */}
      <fieldset key={step.id} className="step-panel-body fieldset-plain" disabled={readOnly}>
        <Field label="Step name" error={step.name.trim() === '' ? 'A step needs a name.' : null}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              maxLength={100}
              autoComplete="off"
              value={step.name}
              onChange={(event) => editStep(step.id, (current) => ({ ...current, name: event.target.value }), `${step.id}:name`)}
            />
          )}
        </Field>
        <Editor step={step} />
      </fieldset>
    </aside>
  );
}
