import { describe, expect, it } from 'vitest';
import { createSseReader } from './sse-reader.js';

function read(chunks: string[]): Array<[string, string]> {
  const events: Array<[string, string]> = [];
  const reader = createSseReader((event, data) => events.push([event, data]));
  for (const chunk of chunks) reader.feed(chunk);
  return events;
}

describe('createSseReader', () => {
  it('reads named and unnamed events split anywhere, skipping comments', () => {
    const wire =
      'event: endpoint\ndata: /m?s=1\n\n: ping\n\ndata: {"a":1}\n\nevent: message\ndata: x\ndata: y\n\n';
    const whole = read([wire]);
    expect(whole).toEqual([
      ['endpoint', '/m?s=1'],
      ['message', '{"a":1}'],
      ['message', 'x\ny'],
    ]);
    for (let cut = 1; cut < wire.length; cut += 7) {
      expect(read([wire.slice(0, cut), wire.slice(cut)])).toEqual(whole);
    }
  });

  it('tolerates CRLF line ends', () => {
    expect(read(['event: endpoint\r\ndata: /x\r\n\r\n'])).toEqual([['endpoint', '/x']]);
  });

  it('holds an event until its blank line arrives', () => {
    expect(read(['data: 1\n'])).toEqual([]);
  });
});
