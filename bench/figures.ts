/** One measured figure of `reports/bench.json`. */
export interface Figure {
  readonly name: string;
  /** The measured value; null when the phase could not measure it (see `note`). */
  readonly value: number | null;
  readonly unit: string;
  readonly target: number;
  readonly better: 'higher' | 'lower';
  /** hit, miss, or not-measured (the phase failed or a tool is missing). */
  readonly verdict: 'hit' | 'miss' | 'not-measured';
  /** How the figure was measured. */
  readonly note?: string;
  /** The numbers behind the value, in one line for the printed report. */
  readonly summary?: string;
  /** Why the figure missed its target or was not measured. */
  readonly reason?: string;
  /** The raw numbers behind the value. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What a phase reports: the value and how it came about; unit and target come from the phase's registration. */
export type Measured = Pick<Figure, 'name' | 'value' | 'note' | 'summary' | 'details'> & {
  /** The reason to give should the value miss its target (what the time or memory goes to). */
  readonly ifMissed?: string;
  /** Why the value cannot count as a hit whatever it is (the run it timed failed): the verdict is then miss. */
  readonly invalid?: string;
};

/** A figure's definition: what it measures and against which target. */
export interface FigureSpec {
  readonly name: string;
  readonly unit: string;
  readonly target: number;
  readonly better: 'higher' | 'lower';
}

/** The figure of `spec`: the phase's measurement (or why there is none) and its verdict. */
export function figureOf(spec: FigureSpec, measured: Measured | undefined, failure?: string): Figure {
  const value = measured?.value ?? null;
  const hit =
    value !== null &&
    measured?.invalid === undefined &&
    (spec.better === 'higher' ? value >= spec.target : value <= spec.target);
  const verdict = value === null ? 'not-measured' : hit ? 'hit' : 'miss';
  const note = measured?.note;
  const reason =
    verdict === 'not-measured'
      ? (failure ?? measured?.note ?? 'the phase reported no value')
      : verdict === 'miss'
        ? (measured?.invalid ?? measured?.ifMissed ?? 'no reason known')
        : undefined;
  return {
    name: spec.name,
    value,
    unit: spec.unit,
    target: spec.target,
    better: spec.better,
    verdict,
    ...(note === undefined ? {} : { note }),
    ...(measured?.summary === undefined ? {} : { summary: measured.summary }),
    ...(reason === undefined ? {} : { reason }),
    ...(measured?.details === undefined ? {} : { details: measured.details }),
  };
}

/** Rounds to `digits` significant digits, so that the JSON does not pretend to more precision than a run has. */
export function significant(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const formatValue = (value: number | null): string =>
  value === null
    ? '—'
    : Math.abs(value) >= 1000
      ? Math.round(value).toLocaleString('en-US')
      : String(significant(value));

/** The table `npm run bench` prints (also the one the README quotes). */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    formatValue(f.value),
    f.unit,
    `${f.better === 'higher' ? '≥' : '≤'} ${formatValue(f.target)}`,
    f.verdict,
  ]);
  const header = ['figure', 'value', 'unit', 'target', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
