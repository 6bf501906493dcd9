/** A target on a row, judged from the row's values. */
export interface Target {
  /** How the target reads in the table: `ours/SDK >= 3`. */
  text: string;
  /** Whether it is met; undefined when a value is missing. */
  met: (values: Record<string, number | undefined>, ratios?: Ratios) => boolean | undefined;
}

/** Ratios of the first column to the column named by each key, when not just values/values. */
export type Ratios = Record<string, number | undefined>;

/** One line of a results table: a metric with one value per column. */
export interface Row {
  group: string;
  metric: string;
  values: Record<string, number | undefined>;
  /** Decimal places to print. */
  digits?: number;
  target?: Target;
  /**
   * Ratios of the first column to the others, when measured better than as a ratio of the
   * medians: the median of per-repetition ratios, each taken between runs made side by side.
   */
  ratios?: Ratios;
  /** For the targets table: the section, and which columns are ours, the anchor and ceiling. */
  judge?: { section: string; first: string; anchor: string; ceiling?: string };
}

/** `a / b`, undefined when either is missing or b is 0. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) {
    return undefined;
  }
  return a / b;
}

/** A target on the ratio of two columns: `ours/sdk >= 3`. */
export function ratioTarget(
  column: string,
  versus: string,
  op: '>=' | '<=' | '<',
  bound: number,
  text: string,
): Target {
  return {
    text,
    met: (values, ratios) => {
      const r = ratios?.[versus] ?? ratio(values[column], values[versus]);
      if (r === undefined) return undefined;
      if (op === '<') return r < bound;
      return op === '>=' ? r >= bound : r <= bound;
    },
  };
}

/** Both targets must be met; undefined if either cannot be judged. */
export function allTargets(text: string, ...targets: Target[]): Target {
  return {
    text,
    met: (values, ratios) => {
      const results = targets.map((target) => target.met(values, ratios));
      if (results.some((r) => r === undefined)) return undefined;
      return results.every(Boolean);
    },
  };
}

/** A bound on one column's own value: `ours <= 1000`. */
export function valueTarget(column: string, op: '>=' | '<=', bound: number, text: string): Target {
  return {
    text,
    met: (values) => {
      const v = values[column];
      if (v === undefined || !Number.isFinite(v)) return undefined;
      return op === '>=' ? v >= bound : v <= bound;
    },
  };
}

/** Either target met; undefined if neither can be judged. */
export function anyTarget(text: string, ...targets: Target[]): Target {
  return {
    text,
    met: (values, ratios) => {
      const results = targets.map((target) => target.met(values, ratios));
      if (results.some((r) => r === true)) return true;
      if (results.every((r) => r === undefined)) return undefined;
      return results.some((r) => r === undefined) ? undefined : false;
    },
  };
}
