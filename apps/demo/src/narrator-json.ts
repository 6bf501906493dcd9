import type { Narrator } from './narrator.js';

/**
 * The machine-readable log: one JSON object per line, each with a `type` and the step it
 * belongs to, carrying the same facts the text narration shows.
 */
export function createJsonNarrator(write: (text: string) => void): Narrator {
  let step: string | undefined;
  const emit = (record: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
  return {
    start: (info) => emit({ type: 'start', ...info }),
    begin({ id, title }) {
      step = id;
      emit({ type: 'step', step: id, title });
    },
    detail: (text, data) => emit({ type: 'detail', step, text, ...(data ? { data } : {}) }),
    wire: (trace) => emit({ type: 'wire', step, ...trace }),
    progress: (update) => emit({ type: 'progress', step, ...update }),
    end: (result) => emit({ type: 'result', step, ...result }),
    finish: (summary) => emit({ type: 'finish', ...summary }),
  };
}
