import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, initHistory, record, redo, undo } from '../../../renderer/src/store/workflow-history';

describe('builder history (undo/redo)', () => {
  it('undoes and redoes in order, and a new edit drops the redo stack', () => {
    let h = initHistory('a');
    h = record(h, 'b', { at: 0 });
    h = record(h, 'c', { at: 5000 });
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe('b');
    expect(canRedo(h)).toBe(true);
    h = record(h, 'x', { at: 9000 });
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual(['a', 'b']);
  });

  it('coalesces edits with the same key within the window, not across keys or after undo', () => {
    let h = initHistory('');
    h = record(h, 'h', { key: 'url', at: 0 });
    h = record(h, 'he', { key: 'url', at: 300 });
    h = record(h, 'hel', { key: 'url', at: 600 });
    expect(h.past).toEqual(['']);
    h = record(h, 'hel!', { key: 'name', at: 700 });
    expect(h.past).toEqual(['', 'hel']);
    h = record(h, 'hel!?', { key: 'name', at: 5000 });
    expect(h.past).toEqual(['', 'hel', 'hel!']);
    h = undo(h);
    h = record(h, 'hel!.', { key: 'name', at: 5100 });
    expect(h.past).toEqual(['', 'hel', 'hel!']);
    expect(undo(h).present).toBe('hel!');
  });

  it('ignores no-op edits and bounds the past', () => {
    let h = initHistory(0);
    expect(record(h, 0)).toBe(h);
    for (let i = 1; i <= 10; i++) h = record(h, i, { limit: 3, at: i * 10_000 });
    expect(h.past).toEqual([7, 8, 9]);
    expect(undo(initHistory(1))).toEqual(initHistory(1));
    expect(redo(initHistory(1))).toEqual(initHistory(1));
  });
});
