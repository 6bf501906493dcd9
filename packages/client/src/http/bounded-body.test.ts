import { describe, expect, it } from 'vitest';
import { bodySnippet, discardBody, readBodyPrefix } from './bounded-body.js';

/** A body that never ends, counting the chunks pulled from it and whether it was cancelled. */
function endlessResponse(chunk = new Uint8Array(1024).fill(120)) {
  const stats = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { response: new Response(body), stats };
}

describe('bounded body reading', () => {
  it('reads at most the bound of an endless body, then cancels it', async () => {
    const { response, stats } = endlessResponse();
    const { bytes, truncated } = await readBodyPrefix(response, 10_000);
    expect(bytes.length).toBe(10_000);
    expect(truncated).toBe(true);
    expect(stats.cancelled).toBe(true);
    expect(stats.pulled).toBeLessThan(20);
  });

  it('a short body is read whole and not truncated', async () => {
    const { bytes, truncated } = await readBodyPrefix(new Response('Accepted'), 16_384);
    expect(new TextDecoder().decode(bytes)).toBe('Accepted');
    expect(truncated).toBe(false);
    expect((await readBodyPrefix(new Response(null), 10)).bytes.length).toBe(0);
  });

  it('a snippet is short, trimmed, marked when cut, and never splits a character', async () => {
    expect(await bodySnippet(new Response('  not found \n'))).toBe('not found');
    const { response } = endlessResponse();
    const snippet = await bodySnippet(response);
    expect(snippet).toBe(`${'x'.repeat(300)}…`);
    const euros = new Response('€'.repeat(5000));
    expect(await bodySnippet(euros, 10_000)).not.toContain('\uFFFD');
  });

  it('discarding an endless body cancels it', async () => {
    const { response, stats } = endlessResponse();
    await discardBody(response);
    expect(stats.cancelled).toBe(true);
  });

  it('a body already read gives nothing and does not throw', async () => {
    const response = new Response('once');
    await response.text();
    expect(await bodySnippet(response)).toBe('');
  });
});
