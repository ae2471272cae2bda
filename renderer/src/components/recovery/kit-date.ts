const format = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });

/** When a kit was made, as the kit and Settings say it ("June 1, 2025 at 2:03 PM"). */
export function kitDate(iso: string): string {
  return format.format(Date.parse(iso));
}
