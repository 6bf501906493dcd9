import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import type { Snippet } from './extract.js';
import { snippetDir } from './workspace.js';

/** Printed by a server snippet once its last statement has run. */
export const READY_LINE = 'SNIPPET-READY';
/** Printed by the listen hook with each port a snippet listens on. */
export const LISTENING_PREFIX = 'SNIPPET-LISTENING ';

/** The port the READMEs use; a test replaces it with a free one. */
const README_PORT = 3000;

// Preloaded with `--import`: tells the test which port a server snippet got, since the
// snippet itself asks for a fixed one (rewritten to 0) and prints nothing.
const LISTEN_HOOK = `import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') process.stderr.write('\\n${LISTENING_PREFIX}' + address.port + '\\n');
  });
  return listen.apply(this, args);
};
`;

/** A snippet's base file name: its README and line, e.g. `apps-server-README-L40`. */
export function snippetName(snippet: Snippet): string {
  return `${snippet.file.replace(/\.md$/, '').replace(/[^\w]+/g, '-')}-L${snippet.line}`;
}

/** Empties the snippet directory and writes the listen hook; returns the hook's path. */
export function resetSnippetDir(): string {
  rmSync(snippetDir, { recursive: true, force: true });
  mkdirSync(snippetDir, { recursive: true });
  const hook = join(snippetDir, 'listen-hook.mjs');
  writeFileSync(hook, LISTEN_HOOK);
  return hook;
}

/** Writes the snippet exactly as written, for the type check; returns the path. */
export function writeAsWritten(snippet: Snippet): string {
  const path = join(snippetDir, `${snippetName(snippet)}.ts`);
  writeFileSync(path, snippet.code);
  return path;
}

/**
 * Writes the runnable form of a snippet: the README's port 3000 becomes `port` (0 for a
 * server, the live server's for a client), a server announces when its last statement has
 * run, and the types are stripped. Returns the path of the `.mjs` file.
 */
export function writeRunnable(snippet: Snippet, port: number): string {
  let code = snippet.code
    .replaceAll(`port: ${README_PORT}`, `port: ${port}`)
    .replaceAll(`127.0.0.1:${README_PORT}`, `127.0.0.1:${port}`)
    .replaceAll(`localhost:${README_PORT}`, `localhost:${port}`);
  if (snippet.role !== 'client') code += `\nprocess.stderr.write('\\n${READY_LINE}\\n');\n`;
  const loader = snippet.lang.startsWith('j') || snippet.lang === 'mjs' ? 'js' : 'ts';
  const { code: js } = transformSync(code, { loader, format: 'esm', target: 'node20' });
  const path = join(snippetDir, `${snippetName(snippet)}.mjs`);
  writeFileSync(path, js);
  return path;
}
