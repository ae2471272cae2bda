/** The workflow, editor and run stores against a fake bridge: what the builder and run panel rely on. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/errors';
import { summaryOfRun, type Run } from '../../../shared/model/run';
import type { Workflow } from '../../../shared/model/workflow';
import { parseEventData } from '../../../renderer/src/bridge/events';
import { createRunsStore, isNewerSnapshot, POLL_AFTER_MS } from '../../../renderer/src/store/run-store';
import { createWorkflowEditorStore, stepIndexOfError } from '../../../renderer/src/store/workflow-editor-store';
import { createStep } from '../../../renderer/src/store/workflow-edits';
import { createWorkflowsStore } from '../../../renderer/src/store/workflows-store';

const workflow = (over: Partial<Workflow> = {}): Workflow => ({
  id: 'wf_1',
  name: 'Fetch user',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  trigger: { kind: 'manual' },
  steps: [],
  ...over,
});

describe('workflow editor store', () => {
  function setup(stored = workflow()) {
    let saved = stored;
    const api = {
      'workflows.get': vi.fn(async () => saved),
      'workflows.save': vi.fn(
        async ({
          name,
          definition,
        }: {
          id: string;
          name: string;
          definition: Workflow['trigger'] extends never ? never : { trigger: Workflow['trigger']; steps: Workflow['steps'] };
        }) => {
          if (name.trim() === '') throw new BridgeError('invalid_request', 'Name is required.', 'name');
          if (definition.steps.some((step) => step.name.trim() === '')) {
            const index = definition.steps.findIndex((step) => step.name.trim() === '');
            throw new BridgeError('invalid_request', `The workflow is not valid at steps.${index}.name: Too small.`, `definition.steps.${index}.name`);
          }
          saved = { ...saved, name: name.trim(), ...definition, updatedAt: '2026-01-02T00:00:00.000Z' };
          return saved;
        },
      ),
    };
    const onSaved = vi.fn();
    const store = createWorkflowEditorStore(api as never, { onSaved });
    return { api, store, onSaved };
  }

  it('tracks dirty state through edits, undo and save', async () => {
    const { store, api, onSaved } = setup();
    await store.getState().open('wf_1');
    expect(store.getState()).toMatchObject({ loadState: 'ready', dirty: false, canUndo: false });
    const step = createStep('http.request', [], 'step_a');
    store.getState().editSteps((steps) => [...steps, step]);
    expect(store.getState()).toMatchObject({ dirty: true, canUndo: true });
    store.getState().undo();
    expect(store.getState()).toMatchObject({ dirty: false, canUndo: false, canRedo: true });
    store.getState().redo();
    expect(store.getState().dirty).toBe(true);
    const result = await store.getState().save();
    expect(result?.steps).toHaveLength(1);
    expect(api['workflows.save']).toHaveBeenCalledTimes(1);
    expect(onSaved).toHaveBeenCalledWith(result);
    expect(store.getState()).toMatchObject({ dirty: false, saving: false, saveError: null });
    // Undo after a save makes it dirty again (the draft differs from what main stores).
    store.getState().undo();
    expect(store.getState().dirty).toBe(true);
  });

  it('coalesces typing into one undo step and keeps edits while re-opening the same workflow', async () => {
    const { store } = setup();
    await store.getState().open('wf_1');
    for (const name of ['F', 'Fe', 'Fet']) store.getState().edit((draft) => ({ ...draft, name }), 'workflow:name');
    expect(store.getState().history!.past).toHaveLength(1);
    await store.getState().open('wf_1');
    expect(store.getState().history!.present.name).toBe('Fet');
    store.getState().undo();
    expect(store.getState().history!.present.name).toBe('Fetch user');
  });

  it("shows main's refusal and selects the step it names", async () => {
    const a = createStep('http.request', [], 'step_a');
    const b = { ...createStep('code.run', [a], 'step_b'), name: '' };
    const { store } = setup(workflow({ steps: [a, b] }));
    await store.getState().open('wf_1');
    store.getState().select('step_a');
    store.getState().edit((draft) => ({ ...draft, name: 'Renamed' }));
    expect(await store.getState().save()).toBeNull();
    expect(store.getState().saveError?.message).toMatch(/steps\.1\.name/);
    expect(store.getState().selectedStepId).toBe('step_b');
    expect(store.getState().dirty).toBe(true);
    expect(stepIndexOfError(new BridgeError('invalid_request', 'nothing here'))).toBeNull();
    // The next edit clears the error.
    store.getState().editStep('step_b', (step) => ({ ...step, name: 'Fixed' }));
    expect(store.getState().saveError).toBeNull();
    expect(await store.getState().save()).not.toBeNull();
  });

  it('reports a workflow that cannot be opened', async () => {
    const store = createWorkflowEditorStore({
      'workflows.get': async () => {
        throw new BridgeError('not_found', 'That workflow no longer exists.', 'id');
      },
      'workflows.save': async () => workflow(),
    });
    await store.getState().open('wf_gone');
    expect(store.getState()).toMatchObject({ loadState: 'failed', loadError: 'That workflow no longer exists.' });
  });
});

describe('workflows store', () => {
  it('renames through get + save, keeps the list sorted, and passes import mappings through', async () => {
    const stored = workflow({ steps: [createStep('code.run', [], 'step_c')] });
    const api = {
      'workflows.list': vi.fn(async () => [{ id: 'wf_1', name: 'Fetch user', stepCount: 1, updatedAt: stored.updatedAt, brokenReferences: 2, lastRun: null }]),
      'workflows.get': vi.fn(async () => stored),
      'workflows.save': vi.fn(async (args: { id: string; name: string; definition: { steps: unknown[] } }) => ({ ...stored, name: args.name })),
      'workflows.create': vi.fn(async ({ name }: { name: string }) => workflow({ id: 'wf_2', name })),
      'workflows.duplicate': vi.fn(),
      'workflows.delete': vi.fn(async ({ id }: { id: string }) => ({ id })),
      'workflows.export': vi.fn(),
      'workflows.import': vi.fn(async (args: { json: string; mapping?: Record<string, string> }) =>
        args.mapping
          ? { status: 'imported' as const, workflow: workflow({ id: 'wf_3', name: 'Imported' }) }
          : { status: 'needs-mapping' as const, unresolved: [{ id: 'x', name: 'Key', suggestion: null }] },
      ),
    };
    const store = createWorkflowsStore(api as never);
    await store.getState().load();
    await store.getState().create('Alpha');
    expect(store.getState().items.map((item) => item.name)).toEqual(['Alpha', 'Fetch user']);
    await store.getState().rename('wf_1', 'Zeta');
    expect(api['workflows.save'].mock.calls[0]![0]).toMatchObject({ id: 'wf_1', name: 'Zeta', definition: { steps: stored.steps } });
    expect(store.getState().items.map((item) => item.name)).toEqual(['Alpha', 'Zeta']);
    // The summary keeps what main knows and a workflow doesn't carry.
    expect(store.getState().items[1]!.brokenReferences).toBe(2);
    expect((await store.getState().importWorkflow('{}')).status).toBe('needs-mapping');
    expect((await store.getState().importWorkflow('{}', { x: 'sec_1' })).status).toBe('imported');
    expect(api['workflows.import']).toHaveBeenLastCalledWith({ json: '{}', mapping: { x: 'sec_1' } });
    await store.getState().remove('wf_2');
    expect(store.getState().items.some((item) => item.id === 'wf_2')).toBe(false);
  });
});

const run = (over: Partial<Run> = {}): Run => ({
  id: 'run_1',
  workflowId: 'wf_1',
  workflowName: 'Fetch user',
  status: 'running',
  trigger: 'app',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
  steps: [
    { stepId: 'a', stepName: 'A', action: 'http.request', status: 'running', startedAt: null, durationMs: null, logs: [] },
    { stepId: 'b', stepName: 'B', action: 'code.run', status: 'pending', startedAt: null, durationMs: null, logs: [] },
  ],
  ...over,
});
const finished = (): Run => {
  const base = run();
  return { ...base, status: 'ok', finishedAt: '2026-01-01T00:00:01.000Z', steps: base.steps.map((step) => ({ ...step, status: 'ok' as const, durationMs: 5 })) };
};

describe('runs store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    let listener: ((event: BridgeEvent) => void) | null = null;
    const subscribe = vi.fn((l: (event: BridgeEvent) => void) => {
      listener = l;
      return () => (listener = null);
    });
    let latest = run();
    const api = {
      'runs.start': vi.fn(async () => run()),
      'runs.get': vi.fn(async (_args: { id: string }) => latest),
      'runs.list': vi.fn(async () => [] as never[]),
      'runs.cancel': vi.fn(async ({ id }: { id: string }) => {
        latest = { ...run(), status: 'cancelled', finishedAt: '2026-01-01T00:00:02.000Z' };
        return { id };
      }),
    };
    const store = createRunsStore(api, subscribe, { now: () => Date.now() });
    return { api, store, emit: (r: Run) => listener?.({ name: 'run.progress', payload: r }), setLatest: (r: Run) => (latest = r), subscribe };
  }

  it('follows a run from its progress events, ignoring stale snapshots, and lists it in the history', async () => {
    const { store, emit, subscribe } = setup();
    await store.getState().showWorkflow('wf_1');
    await store.getState().start('wf_1');
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(store.getState().history.map((item) => item.status)).toEqual(['running']);
    emit(finished());
    expect(store.getState().current?.status).toBe('ok');
    emit(run());
    expect(store.getState().current?.status).toBe('ok');
    expect(store.getState().history.map((item) => item.status)).toEqual(['ok']);
    emit({ ...finished(), id: 'run_other', workflowId: 'wf_other' });
    expect(store.getState().history).toHaveLength(1);
  });

  it('shows a workflow’s last run when it opens, or the run its address names', async () => {
    const { store, api, setLatest } = setup();
    const last = { ...finished(), id: 'run_last' };
    api['runs.list'].mockResolvedValue([summaryOfRun(last)] as never);
    setLatest(last);
    await store.getState().showWorkflow('wf_1');
    expect(store.getState().current?.id).toBe('run_last');
    expect(store.getState().history[0]).toMatchObject({ id: 'run_last', trigger: 'app', durationMs: 1000, failedStep: null });

    const named = { ...finished(), id: 'run_named' };
    api['runs.get'].mockImplementation(async ({ id }: { id: string }) => (id === 'run_named' ? named : last));
    await store.getState().showWorkflow('wf_1', 'run_named');
    expect(store.getState().current?.id).toBe('run_named');
  });

  it('asks main itself when events stop coming (a dropped stream)', async () => {
    const { store, api, setLatest } = setup();
    await store.getState().showWorkflow('wf_1');
    await store.getState().start('wf_1');
    setLatest(finished());
    expect(api['runs.get']).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(POLL_AFTER_MS + 1100);
    expect(api['runs.get']).toHaveBeenCalled();
    expect(store.getState().current?.status).toBe('ok');
    const calls = api['runs.get'].mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(api['runs.get'].mock.calls.length).toBe(calls);
  });

  it('cancels the shown run and shows the cancelled snapshot', async () => {
    const { store, api } = setup();
    await store.getState().showWorkflow('wf_1');
    await store.getState().start('wf_1');
    await store.getState().cancel();
    expect(api['runs.cancel']).toHaveBeenCalledWith({ id: 'run_1' });
    expect(store.getState().current?.status).toBe('cancelled');
  });

  it('reports a refused start', async () => {
    const { store, api } = setup();
    api['runs.start'].mockRejectedValueOnce(new BridgeError('not_found', 'That workflow no longer exists.'));
    expect(await store.getState().start('wf_1')).toBeNull();
    expect(store.getState().startError).toBe('That workflow no longer exists.');
  });

  it('orders snapshots: finished wins, more settled steps win', () => {
    expect(isNewerSnapshot(finished(), run())).toBe(false);
    expect(isNewerSnapshot(run(), finished())).toBe(true);
    const oneDone = run({ steps: [{ ...run().steps[0]!, status: 'ok' }, run().steps[1]!] });
    expect(isNewerSnapshot(oneDone, run())).toBe(false);
    expect(isNewerSnapshot(run(), oneDone)).toBe(true);
  });
});

describe('bridge events', () => {
  it('parses server-sent event data into BridgeEvents, and nothing else', () => {
    expect(parseEventData(JSON.stringify({ name: 'run.progress', payload: run() }))).toMatchObject({ name: 'run.progress', payload: { id: 'run_1' } });
    expect(parseEventData('not json')).toBeNull();
    expect(parseEventData(JSON.stringify({ name: 'other', payload: {} }))).toBeNull();
    expect(parseEventData(JSON.stringify({ name: 'run.progress' }))).toBeNull();
    expect(parseEventData(42)).toBeNull();
  });
});
