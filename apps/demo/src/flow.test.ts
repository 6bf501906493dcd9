import { expect, test } from 'vitest';
import { painter } from './colour.js';
import { startEmbeddedServer } from './embedded-server.js';
import { createJsonNarrator } from './narrator-json.js';
import { createTextNarrator } from './narrator-text.js';
import { runSteps } from './run-steps.js';
import { demoSteps } from './steps/order.js';
import type { DemoContext } from './steps/types.js';

async function runFlow(narrator: ReturnType<typeof createJsonNarrator>) {
  const server = await startEmbeddedServer();
  try {
    const ctx: DemoContext = {
      narrator,
      url: server.url,
      mcpUrl: server.mcpUrl,
      pollAfterMs: server.pollAfterMs,
      dropStreams: server.dropStreams,
      signal: new AbortController().signal,
      showWire: false,
    };
    return await runSteps(demoSteps, ctx, narrator);
  } finally {
    await server.close();
  }
}

test('the whole flow passes against the embedded server, logged as JSON lines', async () => {
  let out = '';
  const outcome = await runFlow(
    createJsonNarrator((text) => {
      out += text;
    }),
  );
  expect(outcome.reason).toBeUndefined();
  expect(outcome.ok).toBe(true);
  const records = out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const results = records.filter((record) => record.type === 'result');
  expect(results.map((record) => record.step)).toEqual(demoSteps.map((step) => step.id));
  expect(results.filter((record) => record.status === 'fail')).toEqual([]);
  const connect = results.find((record) => record.step === 'connect');
  expect(connect.data.endpoint).toMatch(/sessionId=/);
  expect(records.some((record) => record.type === 'progress')).toBe(true);
  expect(records.some((record) => record.type === 'wire' && record.name === 'endpoint')).toBe(true);
  // Today's features: each era, a resumed stream, a resource, a prompt, an elicitation.
  const byStep = (id: string) => results.find((record) => record.step === id);
  expect(byStep('negotiate').data.got).toEqual([
    '2026-07-28 streamable-http',
    '2025-11-25 streamable-http',
    '2025-11-25 sse',
  ]);
  expect(byStep('resume').status).toBe('ok');
  expect(byStep('resume').data.resumes).toBeGreaterThanOrEqual(1);
  const resumed = records.find(
    (record) => record.kind === 'http' && record.data.headers['last-event-id'] !== undefined,
  );
  expect(resumed.data).toMatchObject({ method: 'GET', path: '/mcp' });
  expect(byStep('resource').data.read).toBe('demo://notes/welcome');
  expect(byStep('prompt').data).toMatchObject({ got: 'explain', messages: 1 });
  expect(byStep('elicit').summary).toContain('Hello, Ada!');
  const asked = records.find(
    (record) => record.type === 'wire' && record.data?.method === 'elicitation/create',
  );
  expect(asked.step).toBe('elicit');
});

test('plain text narration has no escape codes when it is not a terminal', async () => {
  let out = '';
  const outcome = await runFlow(
    createTextNarrator(
      (text) => {
        out += text;
      },
      painter(false),
      false,
    ),
  );
  expect(outcome.ok).toBe(true);
  expect(out).not.toContain('\x1b');
  expect(out).toContain('event: endpoint');
  expect(out).toMatch(/\[█+░*\] +\d+%/);
});
