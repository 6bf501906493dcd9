import { STANDALONE_STREAM } from '../streamable/stream-event-id.js';
import { answeredField } from './inbound-payload.js';
import type { StreamRouter, StreamTarget } from './stream-router.js';

/**
 * The {@link StreamRouter} of an HTTP+SSE session: every message goes to its one stream
 * (its GET stream, logged under the standalone stream's key), as a `message` event. No
 * request has a stream of its own, so none can be polled.
 */
export class SingleStreamRouter implements StreamRouter {
  track(): void {}

  target(json: string): StreamTarget {
    // Read from the text's head: parsing every outgoing message would cost more than the rest.
    return { stream: STANDALONE_STREAM, name: 'message', answered: answeredField(json) };
  }

  forget(): void {}

  streamOf(): undefined {
    return undefined;
  }
}
