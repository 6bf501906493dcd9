import type { Paint } from './colour.js';
import { formatWire } from './format-wire.js';
import type { Narrator, StepStatus } from './narrator.js';
import { QuarterFilter, renderProgressBar } from './progress-bar.js';

const MARK: Record<StepStatus, string> = { ok: '✔', skip: '○', fail: '✘' };
const LABEL: Record<StepStatus, string> = { ok: 'ok', skip: 'skipped', fail: 'FAILED' };
const COLOUR = { ok: 'green', skip: 'yellow', fail: 'red' } as const;

/**
 * Narration for people. On a terminal the progress bar redraws in place; in a log
 * (`live` false) it prints a line per quarter instead, so a piped transcript stays short.
 */
export function createTextNarrator(
  write: (text: string) => void,
  paint: Paint,
  live: boolean,
): Narrator {
  let count = 0;
  let barShown = false;
  const quarters = new QuarterFilter();
  const line = (text: string) => {
    if (barShown) {
      write('\n');
      barShown = false;
    }
    write(`${text}\n`);
  };
  return {
    start({ target, mode }) {
      line(paint('bold', 'mcp-sse demo: MCP over HTTP + Server-Sent Events, step by step'));
      const where = mode === 'embedded' ? 'embedded server' : 'remote server';
      line(paint('dim', `${where}: ${target}`));
    },
    begin({ title }) {
      count += 1;
      quarters.reset();
      line('');
      line(paint('bold', `${count}. ${title}`));
    },
    detail(text) {
      line(`   ${text}`);
    },
    wire(trace) {
      line(paint('dim', `     ${formatWire(trace)}`));
    },
    progress({ progress, total, message }) {
      const bar = `   ${paint('cyan', renderProgressBar(progress, total, message))}`;
      if (live) {
        write(`\r\x1b[2K${bar}`);
        barShown = true;
      } else if (quarters.accept(progress, total)) {
        line(bar);
      }
    },
    end({ status, summary, ms }) {
      const timing = paint('dim', `(${ms} ms)`);
      line(`   ${paint(COLOUR[status], `${MARK[status]} ${LABEL[status]}`)}: ${summary} ${timing}`);
    },
    finish({ ok, ms, counts, reason }) {
      line('');
      const tally = `${counts.ok} ok, ${counts.skip} skipped, ${counts.fail} failed in ${(ms / 1000).toFixed(1)} s`;
      line(
        ok
          ? paint('green', `Demo finished: ${tally}.`)
          : paint('red', `Demo failed: ${reason ?? 'a step failed'} (${tally}).`),
      );
    },
  };
}
