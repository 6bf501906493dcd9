import type { Progress } from '@mcp-sse/protocol';
import { terminalSafe } from './terminal-text.js';

/** A one-line live progress bar for a terminal's stderr, redrawn in place. */
export class ProgressBar {
  #drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly width = 30,
  ) {}

  /** Draws the bar for one progress notification. */
  update(progress: Progress): void {
    const { progress: done, total, message } = progress;
    let line: string;
    if (total !== undefined && total > 0) {
      const ratio = Math.min(1, Math.max(0, done / total));
      const filled = Math.round(ratio * this.width);
      line = `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${Math.round(ratio * 100)}% ${done}/${total}`;
    } else {
      line = `[progress ${done}]`;
    }
    // The message is the server's text, drawn on a terminal: no escapes of its own, one line.
    if (message) line += ` ${terminalSafe(message).replace(/[\n\t]/g, ' ')}`;
    // \r then clear-to-end redraws in place without leaving old characters behind.
    this.write(`\r${line}\x1b[K`);
    this.#drawn = true;
  }

  /** Removes the bar so the result prints on a clean line. */
  clear(): void {
    if (this.#drawn) this.write('\r\x1b[K');
    this.#drawn = false;
  }
}
