const WIDTH = 24;

/**
 * Draws a progress bar as text: `[██████░░░░░░] 50% 5/10`. Without a total the bar can
 * not fill, so it shows the count alone.
 */
export function renderProgressBar(
  progress: number,
  total: number | undefined,
  message?: string,
): string {
  const note = message ? ` ${message}` : '';
  if (total === undefined || total <= 0) return `[${'·'.repeat(WIDTH)}] ${progress}${note}`;
  const ratio = Math.min(1, Math.max(0, progress / total));
  const filled = Math.round(ratio * WIDTH);
  const percent = String(Math.round(ratio * 100)).padStart(3);
  return `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${percent}% ${progress}/${total}${note}`;
}

/**
 * Decides which updates a log that cannot redraw should print: the first, each new
 * quarter, and the last, so a piped transcript shows the bar growing without 20 lines.
 */
export class QuarterFilter {
  #lastQuarter = -1;

  /** Whether this update starts a new quarter (or is the first one seen). */
  accept(progress: number, total: number | undefined): boolean {
    if (total === undefined || total <= 0) {
      // Without a total only the first update is news to a log.
      const first = this.#lastQuarter < 0;
      this.#lastQuarter = 0;
      return first;
    }
    const quarter = Math.floor((Math.min(progress, total) / total) * 4);
    if (quarter === this.#lastQuarter) return false;
    this.#lastQuarter = quarter;
    return true;
  }

  /** Starts over for the next bar. */
  reset(): void {
    this.#lastQuarter = -1;
  }
}
