import type { Step } from './types.js';

/** Closes the client; the server is stopped by main once every step has run. */
export const shutdownStep: Step = {
  id: 'shutdown',
  title: 'Clean shutdown',
  wire: true,
  always: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const client = ctx.client;
    ctx.client = undefined;
    if (!client) return { status: 'skip', summary: 'nothing to close: the client never connected' };
    if (client.state === 'closed') {
      const reason = client.closeInfo?.reason ?? 'closed';
      return { status: 'ok', summary: `client already closed (${reason})`, data: { reason } };
    }
    const closed = new Promise<string>((resolve) => {
      client.on('close', ({ reason }) => resolve(reason));
    });
    await client.close();
    const reason = await closed;
    return {
      status: 'ok',
      summary: `client closed (${reason}); no request left pending`,
      data: { reason },
    };
  },
};
