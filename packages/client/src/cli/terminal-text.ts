/**
 * Terminal escape sequences: CSI (`ESC [` ... final byte, or the 8-bit CSI), the string
 * controls OSC, DCS, SOS, PM and APC (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _` and their
 * 8-bit forms) up to BEL or ST (or the end of the text when unterminated), and any other
 * two-byte `ESC x`. A server could use them to move the cursor, rewrite what was printed,
 * set the window title or write the clipboard (OSC 52).
 */
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[\x20-\x7e]?/g;

/** C0 controls but tab and newline, DEL, and C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** What a stray control character is shown as: visibly something, harmlessly nothing. */
const REPLACEMENT = '\uFFFD';

/**
 * Makes server-controlled text safe to print on a terminal: escape sequences are removed
 * whole, `\r\n` becomes `\n`, and any other control character (C0 but tab and newline,
 * DEL, C1) is shown as U+FFFD. Printable text, tabs and newlines pass unchanged.
 */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(/\r\n/g, '\n').replace(CONTROL, REPLACEMENT);
}

/** {@link terminalSafe} when the text goes to a terminal; the exact text otherwise. */
export function forTerminal(text: string, isTTY: boolean | undefined): string {
  return isTTY ? terminalSafe(text) : text;
}
