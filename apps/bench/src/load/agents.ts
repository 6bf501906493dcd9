import { Agent } from 'node:http';

/**
 * One keep-alive agent for every POST of a run, sized to the calls in flight so that no
 * call waits for a socket and no socket is opened inside the timed window once warm.
 */
export function createPostAgent(sockets: number): Agent {
  return new Agent({
    keepAlive: true,
    maxSockets: sockets,
    maxFreeSockets: sockets,
    scheduling: 'fifo',
    keepAliveMsecs: 10_000,
  });
}
