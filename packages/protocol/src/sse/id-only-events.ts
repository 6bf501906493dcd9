/**
 * Finds the events that eventsource-parser does not report: an event with an `id` field and
 * no `data` field at all (`id: 7` then a blank line). An EventSource still takes such an id
 * as its last event id, and servers use the form to prime a stream, so the decoder must see
 * it, in order with the events around it.
 */
export interface IdOnlyEventScanner {
  /**
   * Hands `text` to `feed` in pieces, cutting after the blank line of each id-only event and
   * calling `onIdOnly(id)` there, so that items keep stream order. Returns false when `feed`
   * asked to stop (the parser overflowed); the rest of `text` is then dropped.
   */
  scan(text: string, feed: (piece: string) => boolean, onIdOnly: (id: string) => void): boolean;
  /** Forgets the event in progress (after an overflow, or at the end of the stream). */
  reset(): void;
}

// Enough of a line to tell its field name apart from `data` and `id`.
const FIELD_PREFIX = 5;

/** Creates a scanner; `maxLine` bounds the part of an `id` line it keeps. */
export function createIdOnlyEventScanner(maxLine: number): IdOnlyEventScanner {
  let line = '';
  let lineIsId = true; // while the line could still be an `id` line, it is kept whole
  let afterCr = false;
  let sawData = false;
  let id: string | undefined;

  const reset = (): void => {
    line = '';
    lineIsId = true;
    afterCr = false;
    sawData = false;
    id = undefined;
  };

  const endLine = (): boolean => {
    const blank = line === '';
    if (!blank) {
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      if (field === 'data') sawData = true;
      else if (field === 'id' && lineIsId) {
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.charCodeAt(0) === 32) value = value.slice(1);
        // As the standard says, an id with NUL in it is ignored.
        if (!value.includes('\0')) id = value;
      }
    }
    line = '';
    lineIsId = true;
    return blank;
  };

  return {
    reset,
    scan(text, feed, onIdOnly) {
      let from = 0;
      let i = 0;
      let nextLf = -2;
      let nextCr = -2;
      while (i < text.length) {
        if (afterCr) {
          afterCr = false;
          // The LF of a CRLF split across chunks ends no line of its own.
          if (text.charCodeAt(i) === 10) {
            i += 1;
            continue;
          }
        }
        if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf('\n', i);
        if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
        const lf = nextLf === -1 ? text.length : nextLf;
        const cr = nextCr === -1 ? text.length : nextCr;
        const end = Math.min(lf, cr);
        if (end > i) {
          if (lineIsId) {
            // Decide from the first two characters, before keeping a long line whole.
            const head = line + text.slice(i, Math.min(end, i + 2));
            if (head.length >= 2 && !head.startsWith('id')) lineIsId = false;
            else if (line.length + (end - i) > maxLine) lineIsId = false;
          }
          if (lineIsId) line += text.slice(i, end);
          else if (line.length < FIELD_PREFIX) {
            line += text.slice(i, Math.min(end, i + FIELD_PREFIX - line.length));
          }
          i = end;
          if (end === text.length) break;
        }
        // A line break at i: CRLF, CR or LF.
        if (text.charCodeAt(i) === 13) {
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === 10) i += 1;
          } else {
            afterCr = true;
          }
        }
        i += 1;
        if (endLine()) {
          const primed = !sawData ? id : undefined;
          sawData = false;
          id = undefined;
          if (primed !== undefined) {
            if (!feed(text.slice(from, i))) return false;
            from = i;
            onIdOnly(primed);
          }
        }
      }
      return feed(text.slice(from));
    },
  };
}
