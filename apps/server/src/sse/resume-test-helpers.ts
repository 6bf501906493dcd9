// Test-only: imported by the resume and re-attach tests, never by the package entry, so it
// stays out of the build.
import { rpc, type TestStream, untilDetached } from '../../test/helpers.js';

/** A `tools/call` of the built-in `echo` tool. */
export const echoCall = (id: number, message: string) =>
  rpc(id, 'tools/call', { name: 'echo', arguments: { message } });

/** The JSON-RPC ids of the `message` events a stream has received, in order. */
export function messageIds(stream: TestStream): unknown[] {
  return stream.items.flatMap((i) =>
    i.type === 'event' && i.event.event === 'message'
      ? [(i.event.data as { id?: unknown }).id]
      : [],
  );
}

/** The id of the last event that had one: what a resuming client sends as Last-Event-ID. */
export function lastEventId(stream: TestStream): string {
  const ids = stream.items.flatMap((i) =>
    i.type === 'event' && i.event.id !== undefined ? [i.event.id] : [],
  );
  return ids.at(-1)!;
}

/** Closes a stream and waits until the server counts `detached` sessions without one. */
export async function dropStream(base: string, stream: TestStream, detached = 1): Promise<void> {
  stream.close();
  await untilDetached(base, detached);
}
