import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from '../../../renderer/src/format/relative-time';

const now = Date.parse('2026-06-15T12:00:00.000Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('formatRelativeTime', () => {
  it('says "just now" within the last minute', () => {
    expect(formatRelativeTime(ago(0), now)).toBe('just now');
    expect(formatRelativeTime(ago(59), now)).toBe('just now');
  });

  it('counts whole minutes, hours and days', () => {
    expect(formatRelativeTime(ago(60), now)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(5 * 60 + 59), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(2 * 3600 + 10), now)).toBe('2 hours ago');
    expect(formatRelativeTime(ago(30 * 3600), now)).toBe('yesterday');
    expect(formatRelativeTime(ago(12 * 86400), now)).toBe('12 days ago');
  });

  it('gives the date for anything older than 30 days', () => {
    expect(formatRelativeTime('2026-03-04T12:00:00.000Z', now)).toBe('Mar 4, 2026');
  });

  it('treats a moment slightly ahead of the clock as just now, and the far future as a date', () => {
    expect(formatRelativeTime(ago(-90), now)).toBe('just now');
    expect(formatRelativeTime('2026-09-01T12:00:00.000Z', now)).toBe('Sep 1, 2026');
  });
});
