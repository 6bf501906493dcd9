import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShowcaseEvent } from './showcase.js';

/** Where a server in another process reports its events (see stdio-showcase.ts). */
export interface StepListener {
  /** The URL to give the child as STEP_URL. */
  url: string;
  /** Emits each {@link ShowcaseEvent} (`step` with the step number). */
  steps: EventEmitter;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 for step reports. */
export async function startStepListener(): Promise<StepListener> {
  const steps = new EventEmitter();
  const http = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    res.writeHead(204).end();
    steps.emit(query.get('event') ?? 'step', Number(query.get('step')));
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
