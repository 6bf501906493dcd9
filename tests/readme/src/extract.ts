/** What a snippet is for, from an `<!-- snippet: ... -->` comment right above its fence. */
export type SnippetRole =
  /** Runs to completion against the README's current server (the default). */
  | 'client'
  /** A server: started, and the README's later client snippets run against it. */
  | 'server'
  /** A server that only has to start: later snippets keep the previous server. */
  | 'standalone-server';

/** One fenced code block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's language tag (`ts`, `sh`, ...), or '' for none. */
  lang: string;
  role: SnippetRole;
  code: string;
}

const FENCE = /^(\s*)(```+|~~~+)\s*([\w-]*)/;
const DIRECTIVE = /^<!--\s*snippet:\s*([\w-]+)\s*-->$/;
const ROLES: readonly SnippetRole[] = ['client', 'server', 'standalone-server'];

/**
 * Splits Markdown into its fenced code blocks, in order. A `<!-- snippet: ROLE -->` line
 * just above a fence (blank lines allowed) gives the block its role; an unknown role is an
 * error so that a typo cannot silently skip a snippet.
 */
export function extractSnippets(file: string, markdown: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  let role: SnippetRole | undefined;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    const directive = text.trim().match(DIRECTIVE);
    if (directive) {
      const name = directive[1] as SnippetRole;
      if (!ROLES.includes(name)) {
        throw new Error(
          `${file}:${index + 1}: unknown snippet role "${name}" (${ROLES.join(', ')})`,
        );
      }
      role = name;
      continue;
    }
    const fence = text.match(FENCE);
    if (!fence) {
      if (text.trim() !== '') role = undefined;
      continue;
    }
    const marker = fence[2] ?? '```';
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !(lines[end] ?? '').trim().startsWith(marker)) {
      body.push(lines[end] ?? '');
      end++;
    }
    if (end >= lines.length) throw new Error(`${file}:${index + 1}: code fence is never closed`);
    snippets.push({
      file,
      line: index + 1,
      lang: (fence[3] ?? '').toLowerCase(),
      role: role ?? 'client',
      code: `${body.join('\n')}\n`,
    });
    role = undefined;
    index = end;
  }
  return snippets;
}

/** Whether a snippet is TypeScript or JavaScript, i.e. is type-checked and run. */
export const isScript = (snippet: Snippet): boolean =>
  ['ts', 'typescript', 'js', 'javascript', 'mjs'].includes(snippet.lang);

/** Whether a snippet is shell commands, whose commands are checked to exist. */
export const isShell = (snippet: Snippet): boolean =>
  ['sh', 'bash', 'shell', 'console'].includes(snippet.lang);
