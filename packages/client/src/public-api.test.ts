import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DTS = new URL('../dist/index.d.ts', import.meta.url);

/** The names the built entry point exports, one a line (`type X` for type-only ones). */
function exportedNames(): string {
  const text = readFileSync(DTS, 'utf8');
  const lists = [...text.matchAll(/^export \{([^}]*)\};?$/gm)].map((m) => m[1] ?? '');
  const names = lists
    .flatMap((list) => list.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .sort((a, b) => {
      // A plain code-unit order on the bare name: the same on every machine and locale.
      const x = a.replace(/^type /, '').toLowerCase();
      const y = b.replace(/^type /, '').toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    });
  return `${names.join('\n')}\n`;
}

describe('the public API', () => {
  it('is what api/public-api.txt records (update it with vitest -u when the change is meant)', async () => {
    if (!existsSync(DTS)) throw new Error('Build first: pnpm --filter @mcp-sse/client build');
    await expect(exportedNames()).toMatchFileSnapshot('../api/public-api.txt');
  });

  it('exports no internals', () => {
    if (!existsSync(DTS)) throw new Error('Build first: pnpm --filter @mcp-sse/client build');
    const names = exportedNames();
    for (const internal of ['McpSession', 'TypedEmitter', 'toClientError', 'buildHeaders']) {
      expect(names).not.toMatch(new RegExp(`^(type )?${internal}$`, 'm'));
    }
  });
});
