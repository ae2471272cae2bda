/** Console output a run keeps: whole lines until `max` characters, the line at the cut cut short, then nothing. */
export class LogCap {
  private room: number;
  truncated = false;

  constructor(readonly max: number) {
    this.room = max;
  }

  /** How many characters of `line` to keep (all of it, the part before the cut, or 0 once past it). */
  take(line: string): number {
    if (this.truncated) return 0;
    if (line.length <= this.room) {
      this.room -= line.length;
      return line.length;
    }
    this.truncated = true;
    return this.room;
  }

  get notice(): string {
    return `[console output truncated after ${this.max} characters]`;
  }
}
