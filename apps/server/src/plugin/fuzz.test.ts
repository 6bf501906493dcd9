import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';

describe('hostile input', () => {
  it('answers any JSON body with 202 or a 4xx JSON error, never a crash', async () => {
    const app = await buildApp({ rateLimit: 0 });
    try {
      // A session record so bodies reach the JSON-RPC check (no stream needed for inject).
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 40 }), async (body, sessionId) => {
          const reply = await app.inject({
            method: 'POST',
            url: `/messages?sessionId=${encodeURIComponent(sessionId)}`,
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect([400, 404]).toContain(reply.statusCode);
          const json = reply.json();
          expect(json.message).toBeTypeOf('string');
          expect(reply.body).not.toContain('    at ');
        }),
        { numRuns: 150 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 200 }),
          fc.stringMatching(/^[!-~]{1,40}$/),
          async (payload, header) => {
            const reply = await app.inject({
              method: 'POST',
              url: '/sse',
              headers: {
                'content-type': header,
                'x-api-key': header,
                authorization: header,
                origin: header,
              },
              payload,
            });
            expect(reply.statusCode).toBeGreaterThanOrEqual(400);
            expect(reply.statusCode).toBeLessThan(500);
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      await app.close();
    }
  });
});
