/** Read-only view of time: every time-dependent call in the engine takes one of these. */
export interface Clock {
  /** Milliseconds since the epoch, virtual. */
  now(): number;
}

/** The largest time a Date can hold (±100,000,000 days from the epoch). */
const MAX_TIME_MS = 8.64e15;

const checkTime = (at: number): number => {
  if (!Number.isFinite(at) || Math.abs(at) > MAX_TIME_MS)
    throw new RangeError(`${at} ms is not a time the virtual clock can show`);
  return at;
};

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

/**
 * A clock that moves only when told to. Timers let the fabric deliver delayed syncs: they fire
 * in time order while the clock advances, each seeing `now()` equal to its due time, so a
 * scenario's outcome never depends on wall-clock speed.
 */
export class VirtualClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(start: Date | number = Date.UTC(2026, 0, 1)) {
    this.current = checkTime(typeof start === 'number' ? start : start.getTime());
  }

  now(): number {
    return this.current;
  }

  /** The current virtual time as a Date. */
  date(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot move the clock by ${ms} ms`);
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `at`, firing due timers in order. */
  advanceTo(at: number): void {
    if (at < this.current) throw new RangeError('the virtual clock never goes backwards');
    checkTime(at);
    for (let next = this.nextDue(at); next; next = this.nextDue(at)) {
      this.current = next.at;
      next.run();
    }
    this.current = at;
  }

  /** Runs `run` when the clock reaches `at` (at once if `at` is not in the future). Returns a cancel function. */
  schedule(at: number, run: () => void): () => void {
    if (at <= this.current) {
      run();
      return () => undefined;
    }
    const timer = { at, seq: this.seq++, run };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.length;
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    }
    if (best) this.timers = this.timers.filter((t) => t !== best);
    return best;
  }
}

/**
 * A clock that reads another with an offset: a gateway whose time is skewed from EMS's. The
 * offset can change while a lab runs, as when NTP steps a drifting clock (or an admin sets it).
 */
export class SkewedClock implements Clock {
  constructor(
    private readonly base: Clock,
    public skewMs: number,
  ) {}

  now(): number {
    return this.base.now() + this.skewMs;
  }
}
