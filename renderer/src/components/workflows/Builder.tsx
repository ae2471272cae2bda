import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isActive } from '../../store/run-store';
import { asBridgeError } from '../../bridge/failure';
import { useMyRights } from '../../hooks/use-rights';
import { useDeletedKeys, useNavigation, useRuns, useSecrets, useWorkflowEditor, useWorkflows } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { ErrorBanner } from '../common/ErrorBanner';
import { RunPanel } from '../runs/RunPanel';
import { CreateSecretDialog } from '../secrets/CreateSecretDialog';
import { BuilderContext, type BuilderActions, type CreateKeyRequest } from './builder-context';
import { describeSaveError } from './save-error';
import { downloadJson, exportFileName } from './download';
import { ChevronLeftIcon, PlayIcon, RedoIcon, UndoIcon } from './icons';
import { StepFlow } from './StepFlow';
import { StepPanel } from './StepPanel';
import { EnvironmentSelect, useWorkflowEnvironment } from './EnvironmentSelect';
import { ExpiredKeysWarning } from './ExpiredKeysWarning';
import { AlertCancel, AlertFrame } from '../common/ConfirmDialog';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The builder of one workflow: toolbar, the flow of steps, the selected step's panel, and the run panel (with `runId`'s run, or the last). */
export function Builder({ workflowId, runId }: { workflowId: string; runId: string | null }) {
  const editor = useWorkflowEditor();
  const showList = useNavigation((state) => state.showWorkflowList);
  const go = useNavigation((state) => state.go);
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  const loadSecrets = useSecrets((state) => state.load);
  const secretsState = useSecrets((state) => state.loadState);
  const showRuns = useRuns((state) => state.showWorkflow);
  const startRun = useRuns((state) => state.start);
  const starting = useRuns((state) => state.starting);
  const running = useRuns((state) => state.current?.workflowId === workflowId && isActive(state.current.status));
  const exportWorkflow = useWorkflows((state) => state.exportWorkflow);
  const announce = useAnnouncer((state) => state.announce);
  const { editWorkflows, createSecrets } = useMyRights();
  const readOnly = !editWorkflows;
  const [createKey, setCreateKey] = useState<CreateKeyRequest | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const { environment, choose: chooseEnvironment } = useWorkflowEnvironment(workflowId);
  // A protected environment asks first: the question is open while this holds its name.
  const [confirming, setConfirming] = useState<string | null>(null);
  const runButtonRef = useRef<HTMLButtonElement>(null);
  // A second click (a double click) while the first is still saving or starting starts nothing.
  const runLock = useRef(false);

  useEffect(() => {
    void editor.open(workflowId);
    void useDeletedKeys.getState().load();
  }, [workflowId]);
  useEffect(() => {
    void showRuns(workflowId, runId);
  }, [workflowId, runId, showRuns]);
  useEffect(() => {
    if (secretsState === 'idle') void loadSecrets();
  }, [secretsState, loadSecrets]);

  const save = editor.save;
  const run = useCallback(
    async (confirmed = false) => {
      if (runLock.current) return;
      if (environment?.protected && !confirmed) {
        setConfirming(environment.name);
        return;
      }
      runLock.current = true;
      try {
        const state = useWorkflowEditor.getState();
        if (state.dirty) {
          const saved = await state.save();
          if (!saved) {
            announce('Not run: the workflow could not be saved.');
            return;
          }
        }
        const started = await startRun(workflowId, environment?.id, confirmed || undefined);
        if (started) {
          announce('Run started');
          openWorkflow(workflowId, started.id);
          // Where the run panel sits under the editor (narrow windows), bring it into view.
          requestAnimationFrame(() => document.querySelector('.run-panel')?.scrollIntoView({ block: 'nearest' }));
        }
      } finally {
        runLock.current = false;
      }
    },
    [announce, startRun, workflowId, openWorkflow, environment],
  );

  // Keyboard: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redo, Ctrl/Cmd+S save — not while a dialog is open.
  useEffect(() => {
    if (readOnly) return;
    function onKeyDown(event: KeyboardEvent) {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey) return;
      if (document.querySelector('.dialog-overlay')) return;
      const key = event.key.toLowerCase();
      const state = useWorkflowEditor.getState();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        if (state.canUndo) {
          state.undo();
          announce('Undone');
        }
      } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !isMac)) {
        event.preventDefault();
        if (state.canRedo) {
          state.redo();
          announce('Redone');
        }
      } else if (key === 's') {
        event.preventDefault();
        void state.save().then((saved) => saved && announce('Workflow saved'));
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [announce, readOnly]);

  const actions = useMemo<BuilderActions>(
    () => ({
      requestCreateKey: setCreateKey,
      manageKeys: () => go({ view: 'secrets', fromWorkflowId: workflowId }),
      manageEnvironments: () => go({ view: 'environments' }),
      readOnly,
      canCreateSecrets: createSecrets,
    }),
    [go, workflowId, readOnly, createSecrets],
  );

  async function onExport() {
    setExportError(null);
    try {
      const state = useWorkflowEditor.getState();
      if (state.dirty && !(await state.save())) {
        setExportError('Save the workflow before exporting it.');
        return;
      }
      const data = await exportWorkflow(workflowId);
      downloadJson(data, exportFileName(data.name));
      announce(`Exported “${data.name}”: the file holds key names, never values.`);
    } catch (error) {
      setExportError(asBridgeError(error).message);
    }
  }

  if (editor.loadState === 'failed') {
    return (
      <section className="panel" aria-labelledby="builder-heading">
        <h1 id="builder-heading" className="panel-title">
          Workflow
        </h1>
        <ErrorBanner
          title="This workflow could not be opened"
          message={editor.loadError ?? ''}
          action={
            <button type="button" className="button button-secondary" onClick={showList}>
              All workflows
            </button>
          }
        />
      </section>
    );
  }
  if (!editor.history || editor.workflowId !== workflowId) {
    return (
      <p className="loading" role="status">
        Opening workflow…
      </p>
    );
  }

  const draft = editor.history.present;
  const nameProblem = draft.name.trim() === '' ? 'A workflow needs a name.' : editor.saveError?.field === 'name' ? editor.saveError.message : null;
  const saveMessage = editor.saveError && editor.saveError.field !== 'name' ? describeSaveError(editor.saveError.message, draft.definition.steps) : null;

  return (
    <BuilderContext.Provider value={actions}>
      <section className="builder" aria-labelledby="builder-heading" inert={createKey !== null || confirming !== null}>
        <h1 id="builder-heading" className="visually-hidden">
          Workflow “{draft.name}”
        </h1>
        <div className="builder-toolbar">
          <button type="button" className="button button-ghost" onClick={showList}>
            <ChevronLeftIcon />
            All workflows
          </button>
          <div className="builder-name">
            <label htmlFor="workflow-name" className="visually-hidden">
              Workflow name
            </label>
            <input
              id="workflow-name"
              className="input title-input"
              type="text"
              maxLength={100}
              autoComplete="off"
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={nameProblem ? 'workflow-name-error' : undefined}
              value={draft.name}
              readOnly={readOnly}
              onChange={(event) => editor.edit((current) => ({ ...current, name: event.target.value }), 'workflow:name')}
            />
            {nameProblem && (
              <p id="workflow-name-error" className="field-error" role={editor.saveError?.field === 'name' ? 'alert' : undefined}>
                {nameProblem}
              </p>
            )}
          </div>
          <div className="builder-actions" role="toolbar" aria-label="Workflow">
            {readOnly ? (
              <span className="badge badge-neutral" title="Viewers can’t edit or run workflows.">
                View only
              </span>
            ) : (
              <>
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => editor.undo()}
                  disabled={!editor.canUndo}
                  aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
                  title={`Undo (${MOD}Z)`}
                >
                  <UndoIcon />
                  <span className="toolbar-label">Undo</span>
                </button>
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => editor.redo()}
                  disabled={!editor.canRedo}
                  aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
                  title={`Redo (${MOD}Shift+Z)`}
                >
                  <RedoIcon />
                  <span className="toolbar-label">Redo</span>
                </button>
              </>
            )}
            <span className="toolbar-divider" aria-hidden="true" />
            <button type="button" className="button button-ghost" onClick={() => void onExport()}>
              Export
            </button>
            {readOnly ? (
              <span className="save-state">Viewers can’t edit or run workflows.</span>
            ) : (
              <>
                <span id="save-state" className={`save-state${editor.dirty ? ' save-state-dirty' : ''}`}>
                  {editor.saving ? 'Saving…' : editor.dirty ? 'Unsaved changes' : 'All changes saved'}
                </span>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => void save().then((saved) => saved && announce('Workflow saved'))}
                  disabled={editor.saving}
                  aria-busy={editor.saving}
                  aria-describedby="save-state"
                  aria-keyshortcuts={isMac ? 'Meta+S' : 'Control+S'}
                >
                  Save
                </button>
                <EnvironmentSelect environment={environment} onChoose={chooseEnvironment} disabled={starting || running} />
                <button
                  ref={runButtonRef}
                  type="button"
                  className="button button-primary"
                  onClick={() => void run()}
                  disabled={starting || running || editor.saving}
                  aria-busy={starting || running}
                  title={running ? 'This workflow is running: wait for it to finish, or cancel it in the run panel.' : undefined}
                >
                  <PlayIcon />
                  Run
                </button>
              </>
            )}
          </div>
        </div>
        {saveMessage && (
          <p className="form-error" role="alert">
            Not saved: {saveMessage}
          </p>
        )}
        {exportError && (
          <p className="form-error" role="alert">
            Not exported: {exportError}
          </p>
        )}
        <ExpiredKeysWarning />
        <div className="builder-body">
          <StepFlow />
          <StepPanel />
          <RunPanel workflowId={workflowId} />
        </div>
      </section>
      {createKey && <CreateSecretDialog forField={createKey} onClose={() => setCreateKey(null)} returnFocusTo={createKey.returnFocusTo} />}
      {confirming && (
        <AlertFrame
          title={`Run in ${confirming}?`}
          description={`${confirming} is protected: this run uses its keys and variables, and its requests go where ${confirming}’s do.`}
          onClose={() => setConfirming(null)}
          returnFocusTo={() => runButtonRef.current}
        >
          <div className="dialog-actions">
            <AlertCancel />
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                setConfirming(null);
                void run(true);
              }}
            >
              Run in {confirming}
            </button>
          </div>
        </AlertFrame>
      )}
    </BuilderContext.Provider>
  );
}
