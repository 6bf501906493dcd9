import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { checkCommand } from './check-command.js';
import { extractSnippets, isScript, isShell, type Snippet } from './extract.js';
import { loadWorkspace } from './load-workspace.js';
import { type Started, startNode, waitForExit, waitForLine } from './processes.js';
import { shellCommands } from './shell-commands.js';
import {
  LISTENING_PREFIX,
  READY_LINE,
  resetSnippetDir,
  writeAsWritten,
  writeRunnable,
} from './snippet-files.js';
import { packageDir, readmeFiles, repoRoot, snippetDir } from './workspace.js';

const readmes = readmeFiles.map((file) => ({
  file,
  snippets: extractSnippets(file, readFileSync(join(repoRoot, file), 'utf8')),
}));
const hook = resetSnippetDir();
const running: Started[] = [];

afterAll(async () => {
  await Promise.all(running.map((started) => started.stop()));
});

const where = (snippet: Snippet) => `${snippet.file}:${snippet.line}`;

// The server a README's clients talk to unless it starts its own: `mcp-sse-server` with its
// example tools (echo, add, sleep, time, image), as `npx @mcp-sse/server` starts it.
async function startDefaultServer(): Promise<number> {
  const started = startNode(['apps/server/bin/mcp-sse-server.js', '--port', '0'], repoRoot, {
    LOG_LEVEL: 'warn',
  });
  running.push(started);
  return waitForLine(
    started,
    (line) => line.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\/sse/)?.[1],
    'the listening line of mcp-sse-server',
  ).then(Number);
}

async function startServerSnippet(snippet: Snippet): Promise<{ port: number; started: Started }> {
  const file = writeRunnable(snippet, 0);
  const started = startNode(['--import', hook, file], packageDir);
  running.push(started);
  let port: number | undefined;
  await waitForLine(
    started,
    (line) => {
      if (line.startsWith(LISTENING_PREFIX)) port ??= Number(line.slice(LISTENING_PREFIX.length));
      return line === READY_LINE ? true : undefined;
    },
    `the end of the server snippet at ${where(snippet)}`,
  );
  if (port === undefined) throw new Error(`the server snippet at ${where(snippet)} never listened`);
  return { port, started };
}

test('every TypeScript snippet type-checks as written (strict)', async () => {
  const scripts = readmes.flatMap(({ snippets }) => snippets.filter(isScript));
  const files = new Map(scripts.map((snippet) => [writeAsWritten(snippet), snippet]));
  writeFileSync(
    join(snippetDir, 'tsconfig.json'),
    JSON.stringify({ extends: '@mcp-sse/tsconfig/base.json', include: ['*.ts'] }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', snippetDir], {
    cwd: packageDir,
  }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  // Name each error by its README line, not by the generated file.
  let report = result;
  for (const [path, snippet] of files) {
    report = report.replaceAll(path.slice(snippetDir.length + 1), `${where(snippet)} (snippet)`);
  }
  expect(report, 'type errors in README snippets').toBe('');
});

for (const { file, snippets } of readmes) {
  const scripts = snippets.filter(isScript);
  const shells = snippets.filter(isShell);

  describe(file, () => {
    // In order, as a reader goes: a server snippet serves the client snippets after it.
    let serverPort: number | undefined;
    for (const snippet of scripts) {
      test(`line ${snippet.line} (${snippet.role}) runs as written`, async () => {
        if (snippet.role === 'server') {
          serverPort = (await startServerSnippet(snippet)).port;
          return;
        }
        if (snippet.role === 'standalone-server') {
          await (await startServerSnippet(snippet)).started.stop();
          return;
        }
        serverPort ??= await startDefaultServer();
        const started = startNode([writeRunnable(snippet, serverPort)], packageDir);
        running.push(started);
        const code = await waitForExit(started);
        expect(code, `${where(snippet)} failed:\n${started.output()}`).toBe(0);
      });
    }

    test.skipIf(shells.length === 0)('shell commands name real scripts, bins and flags', () => {
      const workspace = loadWorkspace(repoRoot);
      const problems = shells.flatMap((snippet) =>
        shellCommands(snippet.code, snippet.line).flatMap((command) =>
          checkCommand(workspace, command).map((problem) => `${file}:${command.line}: ${problem}`),
        ),
      );
      expect(problems).toEqual([]);
    });
  });
}
