import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { WorkflowSummary } from '../../../../shared/model/workflow';
import type { UnresolvedReference } from '../../../../shared/model/workflow-transfer';
import { asBridgeError } from '../../bridge/failure';
import { countOf } from '../../format/count';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useNow } from '../../hooks/use-now';
import { useMyRights } from '../../hooks/use-rights';
import { useNavigation, useSecrets, useWorkflows } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { EmptyState } from '../common/EmptyState';
import { DataTable } from '../common/DataTable';
import { ErrorBanner } from '../common/ErrorBanner';
import { RunStatusBadge } from '../runs/RunStatusBadge';
import { RelativeTime } from '../secrets/RelativeTime';
import { downloadJson, exportFileName } from './download';
import { PlusIcon } from './icons';
import { ImportMappingDialog } from './ImportMappingDialog';
import { DeleteWorkflowDialog, WorkflowNameDialog } from './WorkflowDialogs';
import { WorkflowRowMenu, workflowActionsButtonId, type WorkflowAction } from './WorkflowRowMenu';
import type { ImportFormat, ImportOutcome } from '../../../../shared/model/imports';
import { NewFromMenu } from '../imports/NewFromMenu';
import { ImportDialog } from '../imports/ImportDialog';

type OpenDialog =
  | { kind: 'new' }
  | { kind: 'rename'; workflow: WorkflowSummary }
  | { kind: 'delete'; workflow: WorkflowSummary }
  | { kind: 'mapping'; json: string; unresolved: UnresolvedReference[] }
  | { kind: 'from'; format: ImportFormat };

const COLUMNS = ['Name', 'Steps', 'Updated', 'Last run'];

/** The host refuses bridge requests over 1 MiB; a workflow export is far smaller. */
const MAX_IMPORT_BYTES = 900 * 1024;

/** Workflows: the list, and creating, renaming, duplicating, deleting, importing and exporting them. */
export function WorkflowList() {
  const items = useWorkflows((state) => state.items);
  const loadState = useWorkflows((state) => state.loadState);
  const loadError = useWorkflows((state) => state.loadError);
  const store = useWorkflows.getState;
  const load = useWorkflows((state) => state.load);
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  const show = useNavigation((state) => state.show);
  const secrets = useSecrets((state) => state.items);
  const loadSecrets = useSecrets((state) => state.load);
  const announce = useAnnouncer((state) => state.announce);
  const { editWorkflows } = useMyRights();
  const now = useNow();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const importRef = useRef<HTMLButtonElement>(null);
  const fromRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useFocusIfLost(headingRef);

  const close = () => setDialog(null);
  const returnFocusTo = () => {
    if (dialog?.kind === 'new') return newRef.current;
    if (dialog?.kind === 'mapping') return importRef.current;
    if (dialog?.kind === 'from') return fromRef.current;
    return (dialog && document.getElementById(workflowActionsButtonId(dialog.workflow.id))) ?? headingRef.current;
  };

  async function exportOne(workflow: WorkflowSummary) {
    setProblem(null);
    try {
      const data = await store().exportWorkflow(workflow.id);
      downloadJson(data, exportFileName(data.name));
      announce(`Exported “${data.name}”: the file holds key names, never values.`);
    } catch (error) {
      setProblem(`“${workflow.name}” was not exported: ${asBridgeError(error).message}`);
    }
  }

  const onAction = useCallback(
    (action: WorkflowAction, workflow: WorkflowSummary) => {
      setProblem(null);
      switch (action) {
        case 'open':
          return openWorkflow(workflow.id);
        case 'rename':
        case 'delete':
          return setDialog({ kind: action, workflow });
        case 'duplicate':
          void store()
            .duplicate(workflow.id)
            .then(
              (copy) => announce(`Duplicated as “${copy.name}”`),
              (error: unknown) => setProblem(`“${workflow.name}” was not duplicated: ${asBridgeError(error).message}`),
            );
          return;
        case 'export':
          void exportOne(workflow);
          return;
      }
    },
    [openWorkflow, store, announce],
  );

  async function importJson(json: string, mapping?: Record<string, string>): Promise<void> {
    const result = await store().importWorkflow(json, mapping);
    if (result.status === 'needs-mapping') {
      if (secrets.length === 0) void loadSecrets();
      setDialog({ kind: 'mapping', json, unresolved: result.unresolved });
      return;
    }
    setDialog(null);
    announce(`Imported “${result.workflow.name}”`);
  }

  function imported(outcome: ImportOutcome) {
    close();
    const made = [
      outcome.workflows.length > 0 ? countOf(outcome.workflows.length, 'workflow') : null,
      outcome.keys.length > 0 ? countOf(outcome.keys.length, 'secret key') : null,
    ].filter(Boolean);
    announce(made.length > 0 ? `Imported ${made.join(' and ')}.` : 'Nothing was imported.');
    if (outcome.workflows.length === 1) openWorkflow(outcome.workflows[0]!.id);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem(`“${file.name}” is too large to be a workflow export.`);
      return;
    }
    try {
      if (secrets.length === 0) await loadSecrets();
      await importJson(await file.text());
    } catch (error) {
      setProblem(`“${file.name}” was not imported: ${asBridgeError(error).message}`);
    }
  }

  return (
    <section className="panel" aria-labelledby="workflows-heading" inert={dialog !== null}>
      <div className="panel-header">
        <div>
          <h1 id="workflows-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
            Workflows
          </h1>
          <p className="panel-subtitle">Chains of steps that use your secret keys by name. Values are injected only when a workflow runs.</p>
        </div>
        {editWorkflows ? (
          <div className="panel-actions">
            <button ref={importRef} type="button" className="button button-secondary" onClick={() => fileRef.current?.click()}>
              Import workflow
            </button>
            <input ref={fileRef} type="file" accept=".json,application/json" hidden onChange={(event) => void onFile(event)} />
            <NewFromMenu ref={fromRef} onChoose={(format) => setDialog({ kind: 'from', format })} />
            <button ref={newRef} type="button" className="button button-primary" onClick={() => setDialog({ kind: 'new' })}>
              <PlusIcon />
              New workflow
            </button>
          </div>
        ) : (
          <p className="note panel-note">View only: Viewers can open and export workflows, not edit or run them.</p>
        )}
      </div>

      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}

      {loadState === 'failed' ? (
        <ErrorBanner title="Workflows could not be loaded" message={loadError ?? ''} onRetry={() => void load()} />
      ) : items.length === 0 && loadState !== 'ready' ? (
        <p className="loading" role="status">
          Loading workflows…
        </p>
      ) : items.length === 0 ? (
        <EmptyState title="No workflows yet">
          <p>
            {editWorkflows
              ? 'Use New workflow to chain API requests, code and messages — with secret keys inserted by name, never by value.'
              : 'Workflows your team builds in this workspace appear here.'}
          </p>
        </EmptyState>
      ) : (
        <DataTable caption="Workflows" columns={COLUMNS}>
          {items.map((workflow) => (
            <tr key={workflow.id}>
              <td className="cell-name">
                <button type="button" className="link-button" onClick={() => openWorkflow(workflow.id)}>
                  {workflow.name}
                </button>
                {workflow.brokenReferences > 0 && (
                  <span className="badge badge-danger workflow-badge" title={`${countOf(workflow.brokenReferences, 'reference')} to deleted secret keys`}>
                    Needs reconfiguration
                  </span>
                )}
              </td>
              <td className="cell-muted">{countOf(workflow.stepCount, 'step')}</td>
              <td className="cell-muted">
                <RelativeTime iso={workflow.updatedAt} now={now} />
              </td>
              <td className="cell-muted">
                {workflow.lastRun ? (
                  <span className="last-run">
                    <RunStatusBadge status={workflow.lastRun.status} />
                    <RelativeTime iso={workflow.lastRun.at} now={now} />
                  </span>
                ) : (
                  'Never'
                )}
              </td>
              <td className="cell-actions">
                <WorkflowRowMenu workflow={workflow} canEdit={editWorkflows} onAction={onAction} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      {dialog?.kind === 'new' && (
        <WorkflowNameDialog
          title="New workflow"
          description="Name it after what it does. You add its steps next."
          initial=""
          submitLabel="Create workflow"
          onClose={close}
          returnFocusTo={returnFocusTo}
          onSubmit={async (name) => {
            const workflow = await store().create(name);
            announce(`Workflow “${workflow.name}” created`);
            close();
            openWorkflow(workflow.id);
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <WorkflowNameDialog
          title="Rename workflow"
          description={`A new name for “${dialog.workflow.name}”.`}
          initial={dialog.workflow.name}
          submitLabel="Rename"
          onClose={close}
          returnFocusTo={returnFocusTo}
          onSubmit={async (name) => {
            if (name !== dialog.workflow.name) {
              const renamed = await store().rename(dialog.workflow.id, name);
              announce(`Workflow “${dialog.workflow.name}” renamed to “${renamed.name}”`);
            }
            close();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteWorkflowDialog
          workflow={dialog.workflow}
          onClose={close}
          returnFocusTo={returnFocusTo}
          onConfirm={async () => {
            await store().remove(dialog.workflow.id);
            announce(`Workflow “${dialog.workflow.name}” deleted`);
          }}
        />
      )}
      {dialog?.kind === 'from' && <ImportDialog format={dialog.format} onClose={close} returnFocusTo={returnFocusTo} onImported={imported} />}
      {dialog?.kind === 'mapping' && (
        <ImportMappingDialog
          unresolved={dialog.unresolved}
          secrets={secrets}
          onClose={close}
          returnFocusTo={returnFocusTo}
          onManageKeys={() => {
            close();
            show('secrets');
          }}
          onImport={(mapping) => importJson(dialog.json, mapping)}
        />
      )}
    </section>
  );
}
