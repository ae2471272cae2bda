/**
 * Hybrid logical clock stamps (wall time, counter, node): they follow real time when
 * clocks agree, never go backwards, and order every change totally. Stamps compare as
 * strings: `<15-digit ms>.<6-digit counter>.<member id>`.
 *
 * A stamp from another member moves this clock only when it isn't too far ahead of this
 * machine's time (the records it stamps wait until then: record-rules.ts), so one forged
 * stamp can't drag every machine's clock into the future; and the counter never overflows
 * its digits — it carries into the next millisecond instead.
 */
export const MAX_COUNTER = 999_999;

export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    private readonly node: string,
    private readonly now: () => number = Date.now,
    /** How far ahead of this machine's time an observed stamp may move the clock. */
    private readonly maxAheadMs = 60 * 60 * 1000,
  ) {}

  /** A stamp later than every stamp issued or observed so far. */
  tick(): string {
    const physical = this.now();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else if (this.counter < MAX_COUNTER) {
      this.counter++;
    } else {
      this.wall++;
      this.counter = 0;
    }
    return formatStamp(this.wall, this.counter, this.node);
  }

  /** Moves past a stamp seen from another member, unless it is too far ahead of this machine's time. */
  observe(stamp: string): void {
    const parsed = parseStamp(stamp);
    if (!parsed || parsed.wall > this.now() + this.maxAheadMs) return;
    if (parsed.wall > this.wall || (parsed.wall === this.wall && parsed.counter > this.counter)) {
      this.wall = parsed.wall;
      this.counter = parsed.counter;
    }
  }
}

const STAMP = /^(\d{15})\.(\d{6})\.([A-Za-z0-9_-]{1,64})$/;

export function isStamp(stamp: string): boolean {
  return STAMP.test(stamp);
}

function formatStamp(wall: number, counter: number, node: string): string {
  return `${String(wall).padStart(15, '0')}.${String(counter).padStart(6, '0')}.${node}`;
}

function parseStamp(stamp: string): { wall: number; counter: number } | null {
  const match = STAMP.exec(stamp);
  return match ? { wall: Number(match[1]), counter: Number(match[2]) } : null;
}
