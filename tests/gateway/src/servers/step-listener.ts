import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a server in another process reports the steps of `slow` (see stdio-showcase.ts). */
export interface StepListener {
  /** The URL to give the child as STEP_URL. */
  url: string;
  /** Emits `step` with the step number. */
  steps: EventEmitter;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 for step reports. */
export async function startStepListener(): Promise<StepListener> {
  const steps = new EventEmitter();
  const http = createServer((req, res) => {
    const step = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('step'));
    res.writeHead(204).end();
    steps.emit('step', step);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/step`,
    steps,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
