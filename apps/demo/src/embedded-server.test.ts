import { expect, test } from 'vitest';
import { startEmbeddedServer } from './embedded-server.js';

test('dropStreams cuts an open SSE stream at the socket', async () => {
  const server = await startEmbeddedServer();
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sse$/);
    const response = await fetch(server.url, { headers: { accept: 'text/event-stream' } });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: endpoint');
    expect(server.dropStreams()).toBe(1);
    // The stream ends (or errors) instead of waiting for more events.
    let end = 'still open';
    for (let reads = 0; reads < 100 && end === 'still open'; reads++) {
      end = await reader.read().then(
        (chunk) => (chunk.done ? 'ended' : 'still open'),
        () => 'errored',
      );
    }
    expect(['ended', 'errored']).toContain(end);
  } finally {
    await server.close();
  }
});
