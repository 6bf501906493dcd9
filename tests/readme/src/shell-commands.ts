/** One command of a shell snippet, as the test checks it. */
export interface ShellCommand {
  /** The line of the README it starts on. */
  line: number;
  /** The words, environment assignments and comments removed. */
  words: string[];
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

// Splits on blanks outside quotes, keeping quoted text whole (quotes removed).
function words(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inWord = false;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) out.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) out.push(current);
  return out;
}

// Cuts a trailing `# comment` that is outside quotes.
function withoutComment(text: string): string {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      return text.slice(0, index);
    }
  }
  return text;
}

/**
 * The commands of a shell snippet starting at `firstLine`: `\` continuations joined,
 * comments cut, split on `&&`, `||`, `;` and `|`, leading `VAR=value` assignments and a
 * `$ ` prompt dropped. Lines of sample output (after a `$ ` prompt line) are not commands.
 */
export function shellCommands(code: string, firstLine: number): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const lines = code.split('\n');
  const prompted = lines.some((text) => text.startsWith('$ '));
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let text = lines[index] ?? '';
    if (prompted && !text.startsWith('$ ')) continue;
    while (text.endsWith('\\') && index + 1 < lines.length) {
      text = `${text.slice(0, -1)} ${lines[++index] ?? ''}`;
    }
    text = withoutComment(text.replace(/^\$ /, ''));
    for (const part of text.split(/&&|\|\||;|\|/)) {
      const all = words(part);
      while (all.length > 0 && ASSIGNMENT.test(all[0] ?? '')) all.shift();
      if (all.length > 0) commands.push({ line: firstLine + 1 + start, words: all });
    }
  }
  return commands;
}
