const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60],
];
const JUST_NOW_SECONDS = 60;
// Moments a little after `now` (saved since the clock last ticked, or slight clock skew) are "just now" too.
const FUTURE_TOLERANCE_SECONDS = 5 * 60;
const RELATIVE_LIMIT_SECONDS = 30 * 24 * 60 * 60;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const full = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });

/** "just now", "5 minutes ago", "yesterday" up to 30 days back; the date beyond that, or further in the future. */
export function formatRelativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  const seconds = Math.round((now - at) / 1000);
  if (seconds < -FUTURE_TOLERANCE_SECONDS || seconds >= RELATIVE_LIMIT_SECONDS) return absolute.format(at);
  if (seconds < JUST_NOW_SECONDS) return 'just now';
  let unit = UNITS[0]!;
  for (const candidate of UNITS) if (seconds >= candidate[1]) unit = candidate;
  return relative.format(-Math.floor(seconds / unit[1]), unit[0]);
}

/** The exact moment, for a tooltip. */
export function formatFullTime(iso: string): string {
  return full.format(Date.parse(iso));
}
