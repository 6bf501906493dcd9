import { expect, test } from 'vitest';
import { checkCommand, type Workspace } from './check-command.js';
import { extractSnippets } from './extract.js';
import { shellCommands } from './shell-commands.js';

const workspace: Workspace = {
  root: '/nowhere',
  rootScripts: { demo: 'turbo run demo' },
  packages: [
    {
      name: '@mcp-sse/server',
      private: false,
      scripts: { start: 'node dist/cli.js' },
      bins: { 'mcp-sse-server': 'apps/server/bin/mcp-sse-server.js' },
    },
  ],
  help: () => 'Options:\n  --port <n>  port\n  -h, --help  show this help\n',
};

const problems = (text: string) =>
  shellCommands(text, 1).flatMap((command) => checkCommand(workspace, command));

test('the checker fails what a new user would trip on', () => {
  expect(problems('npx mcp-sse-server --port 0\n')).toEqual([
    'npx mcp-sse-server names an unscoped package that is not ours; use its scoped package',
  ]);
  expect(problems('npx @mcp-sse/server --prot 0\n')).toEqual([
    'mcp-sse-server has no option --prot',
  ]);
  expect(problems('pnpm --filter @mcp-sse/server serve\n')).toEqual([
    'pnpm --filter @mcp-sse/server serve: @mcp-sse/server has no "serve" script',
  ]);
  expect(problems('pnpm demoo\n')).toEqual([
    'pnpm demoo: the root package.json has no "demoo" script',
  ]);
  expect(problems('frobnicate --now\n')).toHaveLength(1);
});

test('the checker accepts real commands, with env, comments, continuations and sample output', () => {
  expect(
    problems(
      [
        'PORT=0 npx @mcp-sse/server --port 0   # a comment --nope',
        'pnpm install && pnpm demo',
        'pnpm --filter @mcp-sse/server start \\',
        '  --port 0',
        'curl -N http://127.0.0.1:3000/sse | head',
      ].join('\n'),
    ),
  ).toEqual([]);
  expect(problems('$ mcp-sse-server --port 0\nnot a command --really\n')).toEqual([]);
});

test('snippet roles come from the comment above the fence; a typo is an error', () => {
  const markdown = '<!-- snippet: server -->\n```ts\nconst a = 1;\n```\n\n```sh\nls\n```\n';
  expect(
    extractSnippets('X.md', markdown).map(({ role, lang, line }) => [role, lang, line]),
  ).toEqual([
    ['server', 'ts', 2],
    ['client', 'sh', 6],
  ]);
  expect(() => extractSnippets('X.md', '<!-- snippet: sever -->\n```ts\n```\n')).toThrow(
    'unknown snippet role "sever"',
  );
});
