import { describe, expect, it } from 'vitest';
import { formatResult, formatToolsTable } from './format.js';
import { ProgressBar } from './progress-bar.js';

describe('output formatting', () => {
  it('prints a tools table with required arguments starred', () => {
    const table = formatToolsTable([
      {
        name: 'add',
        description: 'Adds two numbers\nmore detail',
        inputSchema: {
          type: 'object',
          properties: { a: { type: 'number' }, b: { type: 'number' } },
          required: ['a'],
        },
      },
      { name: 'noargs', inputSchema: { type: 'object' } },
    ]);
    expect(table).toMatchInlineSnapshot(`
      "NAME    DESCRIPTION       ARGUMENTS
      add     Adds two numbers  a*: number, b: number
      noargs                    -

      2 tools (* = required argument)
      "
    `);
    expect(formatToolsTable([])).toBe('The server offers no tools.\n');
  });

  it('prints text as text and summarises other content', () => {
    const text = formatResult({
      content: [
        { type: 'text', text: 'hello' },
        { type: 'image', data: 'AAAA', mimeType: 'image/png' },
        { type: 'resource_link', uri: 'file:///x', name: 'x' },
        { type: 'resource', resource: { uri: 'mem://r', text: 'abc' } },
      ],
    });
    expect(text).toBe(
      'hello\n[image: image/png, 3 B]\n[link: x file:///x]\n[resource: mem://r, 3 chars]\n',
    );
    expect(formatResult({ content: [], structuredContent: { ok: true } })).toBe(
      '{\n  "ok": true\n}\n',
    );
  });

  it('draws and clears a progress bar in place', () => {
    let screen = '';
    const bar = new ProgressBar((t) => {
      screen += t;
    }, 10);
    bar.update({ progressToken: 1, progress: 5, total: 10, message: 'half' });
    expect(screen).toBe('\r[#####-----] 50% 5/10 half\x1b[K');
    bar.update({ progressToken: 1, progress: 7 });
    expect(screen.endsWith('\r[progress 7]\x1b[K')).toBe(true);
    bar.clear();
    expect(screen.endsWith('\r\x1b[K')).toBe(true);
  });
});
