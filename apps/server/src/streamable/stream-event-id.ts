/**
 * Event ids of Streamable HTTP streams: `<stream>:<seq>`, where `<stream>` names the stream
 * within its session (`0` the standalone GET stream, `1`, `2`, ... the POST streams) and
 * `<seq>` counts that stream's events from 1 (0 is the priming event). Unique within a
 * session, and a `Last-Event-ID` alone says which stream to resume and from where.
 */

/** The key of a session's standalone (GET) stream. */
export const STANDALONE_STREAM = '0';

/** An event id as written on the wire. */
export function streamEventId(stream: string, seq: number): string {
  return `${stream}:${seq}`;
}

/** Splits a `Last-Event-ID`; undefined when it is not one of ours. */
export function parseStreamEventId(value: unknown): { stream: string; seq: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{1,9}):(\d{1,15})$/.exec(value);
  if (match === null) return undefined;
  return { stream: match[1]!, seq: Number(match[2]) };
}
