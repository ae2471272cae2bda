import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUE_SOON_DAYS, rotationLabel, rotationProblem, rotationState, type RotationInput } from '../../../shared/model/rotation';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-06-15T12:00:00.000Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
const key = (fields: Partial<RotationInput>): RotationInput => ({ expiresAt: null, rotationDays: null, createdAt: at(-400), values: [], ...fields });

describe('rotation reminders: the one rule of due soon and overdue', () => {
  it('says when a key expires or is due for rotation, and how the badge reads', () => {
    expect(rotationState(key({}), NOW)).toBeNull();
    expect(rotationState(key({ expiresAt: at(3) }), NOW)).toEqual({ status: 'due-soon', dueAt: at(3), reason: 'expiry' });
    expect(rotationLabel(rotationState(key({ expiresAt: at(3) }), NOW)!, NOW)).toBe('Expires in 3 days');
    expect(rotationLabel(rotationState(key({ expiresAt: at(0.5) }), NOW)!, NOW)).toBe('Expires in 1 day');
    expect(rotationLabel(rotationState(key({ expiresAt: at(-1) }), NOW)!, NOW)).toBe('Overdue');
    expect(rotationState(key({ expiresAt: at(30) }), NOW)!.status).toBe('ok');
    // The interval runs from when each stored value last changed: the oldest decides.
    const rotating = key({
      rotationDays: 30,
      values: [
        { setAt: at(-28), source: null },
        { setAt: at(-5), source: null },
      ],
    });
    expect(rotationState(rotating, NOW)).toEqual({ status: 'due-soon', dueAt: at(2), reason: 'rotation' });
    expect(rotationLabel(rotationState(rotating, NOW)!, NOW)).toBe('Rotate in 2 days');
    // A linked value changes at its source: it doesn't count; a value from before Keyflow recorded it counts from the key's creation.
    expect(rotationState(key({ rotationDays: 30, values: [{ setAt: at(-60), source: { provider: 'env' } }] }), NOW)).toBeNull();
    expect(rotationState(key({ rotationDays: 500, values: [{ setAt: null, source: null }] }), NOW)).toEqual({ status: 'ok', dueAt: at(100), reason: 'rotation' });
  });

  it('refuses what is not a date or a whole number of days in range', () => {
    expect(rotationProblem('2026-07-01', null)).toBeNull();
    expect(rotationProblem('soon', null)).toBe('The expiry date is not a date.');
    for (const days of [0, -1, 1.5, 3651]) expect(rotationProblem(null, days)).toMatch(/whole number of days/);
  });

  it('is overdue exactly when the first due date has passed, due soon within the window, ok after (property)', () => {
    const offset = fc.double({ min: -1000, max: 1000, noNaN: true });
    fc.assert(
      fc.property(
        fc.option(offset, { nil: null }),
        fc.option(fc.integer({ min: 1, max: 3650 }), { nil: null }),
        fc.array(fc.record({ changed: offset, linked: fc.boolean() }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 60 }),
        (expires, rotationDays, values, within) => {
          const input = key({
            expiresAt: expires === null ? null : at(expires),
            rotationDays,
            values: values.map((v) => ({ setAt: at(v.changed), source: v.linked ? { provider: 'env' } : null })),
          });
          const dues = [
            ...(expires === null ? [] : [Date.parse(at(expires))]),
            ...(rotationDays === null ? [] : values.filter((v) => !v.linked).map((v) => Date.parse(at(v.changed)) + rotationDays * DAY)),
          ];
          const state = rotationState(input, NOW, within);
          if (dues.length === 0) {
            expect(state).toBeNull();
            return;
          }
          const first = Math.min(...dues);
          expect(Date.parse(state!.dueAt)).toBe(first);
          const expected = first <= NOW.getTime() ? 'overdue' : first - NOW.getTime() <= within * DAY ? 'due-soon' : 'ok';
          expect(state!.status).toBe(expected);
          // A wider window never makes a key less due.
          const wider = rotationState(input, NOW, within + 1)!.status;
          if (expected !== 'ok') expect(wider).toBe(expected);
          expect(rotationLabel(state!, NOW) === 'Overdue').toBe(expected === 'overdue');
        },
      ),
    );
    expect(DUE_SOON_DAYS).toBe(7);
  });
});
