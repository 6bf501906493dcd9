/** The first revision where server requests travel as multi round-trip results. */
export const MULTI_ROUND_TRIP_VERSION = '2026-07-28';

/**
 * Whether a session or request at this protocol version gets `input_required` results
 * instead of requests from the server (2026-07-28 and later: revisions are dates, so text
 * order is time order).
 */
export function usesInputRounds(protocolVersion: string | undefined): boolean {
  return protocolVersion !== undefined && protocolVersion >= MULTI_ROUND_TRIP_VERSION;
}
