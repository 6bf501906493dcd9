import type { EventStore } from '@modelcontextprotocol/server';

type Stored = { streamId: string; message: Parameters<EventStore['storeEvent']>[1] };

/**
 * The SDK v2 server's resumability hook, in memory: events numbered in one sequence, replayed
 * per stream after a `Last-Event-ID`. (The v2 package ships no store of its own.)
 */
export class MemoryEventStore implements EventStore {
  readonly #events: [string, Stored][] = [];
  #next = 0;

  async storeEvent(streamId: string, message: Stored['message']): Promise<string> {
    const id = `${streamId}:${this.#next++}`;
    this.#events.push([id, { streamId, message }]);
    return id;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return this.#events.find(([id]) => id === eventId)?.[1].streamId;
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: Stored['message']) => Promise<void> },
  ): Promise<string> {
    const at = this.#events.findIndex(([id]) => id === lastEventId);
    const streamId = at === -1 ? '' : (this.#events[at]?.[1].streamId ?? '');
    for (const [id, stored] of this.#events.slice(at + 1)) {
      if (stored.streamId === streamId) await send(id, stored.message);
    }
    return streamId;
  }
}
