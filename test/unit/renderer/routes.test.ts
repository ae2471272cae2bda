import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../../renderer/src/store/routes';
import { createNavigationStore, type NavigationGuard } from '../../../renderer/src/store/workflow-navigation';

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const route: fc.Arbitrary<Route> = fc.oneof(
  fc.record({ view: fc.constant('workflows' as const), workflowId: fc.option(id, { nil: null }), runId: fc.constant(null) }),
  fc.record({ view: fc.constant('workflows' as const), workflowId: id, runId: id }),
  fc.record({ view: fc.constant('secrets' as const), fromWorkflowId: fc.option(id, { nil: null }) }),
  fc.constant({ view: 'team' as const }),
  fc.constant({ view: 'activity' as const }),
  fc.constant({ view: 'settings' as const }),
);

describe('addresses of views', () => {
  it('reads back every address it writes', () => {
    fc.assert(
      fc.property(route, (r) => {
        expect(parseRoute(routeHash(r))).toEqual(r);
      }),
    );
  });

  it('names the workflow, the run and where Manage Secret Keys was opened from', () => {
    expect(routeHash({ view: 'workflows', workflowId: 'wf_1', runId: 'run_2' })).toBe('#/workflows/wf_1/runs/run_2');
    expect(parseRoute('#/secrets?from=wf_1')).toEqual({ view: 'secrets', fromWorkflowId: 'wf_1' });
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#/nowhere')).toBeNull();
    expect(parseRoute('#/workflows/<script>')).toBeNull();
    expect(parseRoute('#/workflows/wf_1/runs')).toBeNull();
  });
});

describe('navigation with unsaved edits', () => {
  function setup(dirty: { value: boolean }) {
    const left: Route[] = [];
    const guard: NavigationGuard = {
      losesEdits: (target) => dirty.value && target.view === 'workflows' && target.workflowId !== 'wf_open',
      leave: (target) => left.push(target),
    };
    const store = createNavigationStore('workflows', () => guard);
    store.getState().openWorkflow('wf_open');
    return { store, left };
  }

  it('goes to other areas keeping the draft, and waits for an answer before leaving it for the list', () => {
    const dirty = { value: true };
    const { store } = setup(dirty);
    store.getState().go({ view: 'secrets', fromWorkflowId: 'wf_open' });
    expect(store.getState().view).toBe('secrets');
    store.getState().openWorkflow('wf_open');
    store.getState().showWorkflowList();
    expect(store.getState()).toMatchObject({ openWorkflowId: 'wf_open', pending: { view: 'workflows', workflowId: null } });
    store.getState().stay();
    expect(store.getState()).toMatchObject({ openWorkflowId: 'wf_open', pending: null });
    store.getState().showWorkflowList();
    store.getState().proceed();
    expect(store.getState()).toMatchObject({ view: 'workflows', openWorkflowId: null, pending: null });
  });

  it('leaves at once without unsaved edits', () => {
    const { store, left } = setup({ value: false });
    store.getState().openWorkflow('wf_other', 'run_1');
    expect(store.getState()).toMatchObject({ openWorkflowId: 'wf_other', runId: 'run_1', pending: null, historyMode: 'push' });
    expect(left.at(-1)).toEqual({ view: 'workflows', workflowId: 'wf_other', runId: 'run_1' });
  });
});
