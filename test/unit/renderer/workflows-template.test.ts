import { describe, expect, it } from 'vitest';
import { outputPathProblem, type Template } from '../../../shared/model/template';
import { endCaret, fromSlots, insertIntoTemplate, insertToken, removeToken, replaceToken, setText, toSlots } from '../../../renderer/src/components/workflows/template-slots';

const secret = (secretId: string) => ({ kind: 'secret' as const, secretId });
const output = (stepId: string, path = '') => ({ kind: 'output' as const, stepId, path });

describe('template field editing', () => {
  it('round-trips templates through slots, with a text slot around every chip', () => {
    const template: Template = [{ kind: 'text', text: 'Bearer ' }, secret('s1'), output('a', 'body.id')];
    const slots = toSlots(template);
    expect(slots).toEqual({ texts: ['Bearer ', '', ''], tokens: [secret('s1'), output('a', 'body.id')] });
    expect(fromSlots(slots)).toEqual(template);
    expect(toSlots([])).toEqual({ texts: [''], tokens: [] });
    expect(fromSlots({ texts: [''], tokens: [] })).toEqual([]);
  });

  it('inserts a chip at the caret, splitting the literal text', () => {
    const slots = toSlots([{ kind: 'text', text: 'https://api.example.com/users' }]);
    const { slots: next, caret } = insertToken(slots, { slot: 0, offset: 8 }, secret('host'));
    expect(fromSlots(next)).toEqual([{ kind: 'text', text: 'https://' }, secret('host'), { kind: 'text', text: 'api.example.com/users' }]);
    expect(caret).toEqual({ slot: 1, offset: 0 });
  });

  it('appends at the end without a caret, and clamps a stale caret', () => {
    const result = insertIntoTemplate([{ kind: 'text', text: 'Bearer ' }], null, secret('t'));
    expect(result.template).toEqual([{ kind: 'text', text: 'Bearer ' }, secret('t')]);
    const clamped = insertIntoTemplate([{ kind: 'text', text: 'ab' }], { slot: 0, offset: 99 }, secret('t'));
    expect(clamped.template).toEqual([{ kind: 'text', text: 'ab' }, secret('t')]);
    expect(insertIntoTemplate([], { slot: 7, offset: 0 }, secret('t')).template).toEqual([secret('t')]);
  });

  it('removes a chip atomically, joining the text around it, caret at the join', () => {
    const slots = toSlots([{ kind: 'text', text: 'a' }, secret('x'), { kind: 'text', text: 'b' }, secret('y')]);
    const { slots: next, caret } = removeToken(slots, 0);
    expect(fromSlots(next)).toEqual([{ kind: 'text', text: 'ab' }, secret('y')]);
    expect(caret).toEqual({ slot: 0, offset: 1 });
    expect(removeToken(slots, 5).slots).toBe(slots);
  });

  it('edits literal text and output paths in place', () => {
    let slots = toSlots([secret('x'), output('s1')]);
    slots = setText(slots, 1, ' and ');
    slots = replaceToken(slots, 1, output('s1', 'body.id'));
    expect(fromSlots(slots)).toEqual([secret('x'), { kind: 'text', text: ' and ' }, output('s1', 'body.id')]);
    expect(endCaret(slots)).toEqual({ slot: 2, offset: 0 });
    expect(setText(slots, 9, 'nope')).toBe(slots);
  });

  it('validates output paths as the schema does', () => {
    expect(outputPathProblem('body.items[0].id')).toBeNull();
    expect(outputPathProblem('')).toBeNull();
    expect(outputPathProblem('body id')).toMatch(/dotted path/);
  });
});
