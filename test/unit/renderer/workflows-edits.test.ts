import { describe, expect, it } from 'vitest';
import { workflowDefinitionSchema, type ActionId } from '../../../shared/model/workflow';
import { ACTIONS } from '../../../shared/model/actions';
import { createStep, dropIndex, earlierSteps, insertStep, moveItem, newStepId, removeStep, uniqueStepName } from '../../../renderer/src/store/workflow-edits';

describe('workflow step edits', () => {
  it('creates a valid step of every action, named after it and numbered when taken', () => {
    const steps = (Object.keys(ACTIONS) as ActionId[]).map((action, i, all) => createStep(action, [], `s${i}${all.length}`));
    expect(workflowDefinitionSchema.safeParse({ trigger: { kind: 'manual' }, steps }).success).toBe(true);
    expect(steps.map((step) => step.name)).toEqual(Object.values(ACTIONS).map((action) => action.label));
    const second = createStep('http.request', steps);
    expect(second.name).toBe('Send API Request 2');
    expect(uniqueStepName('Send API Request', [...steps, { ...second }])).toBe('Send API Request 3');
  });

  it('makes ids the schema accepts, different every time', () => {
    const ids = new Set(Array.from({ length: 200 }, newStepId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('reorders: moveItem clamps, and dropIndex turns before/after a target into the destination', () => {
    const items = ['a', 'b', 'c', 'd'];
    expect(moveItem(items, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(items, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(items, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveItem(items, 1, 1)).toBe(items);
    expect(moveItem(items, 9, 0)).toBe(items);
    // Drag "a" (0) after "c" (2): a lands at index 2.
    expect(moveItem(items, 0, dropIndex(0, 2, true))).toEqual(['b', 'c', 'a', 'd']);
    // Drag "d" (3) before "b" (1).
    expect(moveItem(items, 3, dropIndex(3, 1, false))).toEqual(['a', 'd', 'b', 'c']);
    // Dropping onto its own neighbour edge is a no-op.
    expect(moveItem(items, 1, dropIndex(1, 0, true))).toBe(items);
    expect(moveItem(items, 1, dropIndex(1, 2, false))).toBe(items);
  });

  it('inserts, removes and lists earlier steps', () => {
    const a = createStep('http.request', [], 'a');
    const b = createStep('code.run', [a], 'b');
    const c = createStep('slack.postMessage', [a, b], 'c');
    const steps = insertStep([a, c], b, 1);
    expect(steps.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(removeStep(steps, 'b').map((s) => s.id)).toEqual(['a', 'c']);
    expect(earlierSteps(steps, 'c').map((s) => s.id)).toEqual(['a', 'b']);
    expect(earlierSteps(steps, 'a')).toEqual([]);
    expect(earlierSteps(steps, 'zzz')).toEqual([]);
  });
});
