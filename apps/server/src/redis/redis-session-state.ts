import type { Implementation, LoggingLevel } from '@mcp-sse/protocol';
import type { SessionState } from '../sessions/session-state.js';
import type { Principal } from '../tools/tool-context.js';

/**
 * What an instance needs to take over a session whose holder is gone: who owns it and
 * the protocol state the core built (see {@link SessionState}).
 */
export interface RedisSessionState extends SessionState {
  id: string;
  principal: Principal | undefined;
  createdAt: number;
  /** Instance id of the holder when last recorded. */
  holder: string;
  /** The URL the client POSTs to (sent again in the `endpoint` event on resume). */
  endpoint: string;
}

/** Record fields of the protocol state, as strings for HSET. */
export function stateFields(
  state: Pick<RedisSessionState, 'protocolVersion' | 'clientInfo' | 'logLevel' | 'initialized'> &
    Partial<Pick<SessionState, 'clientCapabilities' | 'subscriptions'>>,
): Record<string, string> {
  const fields: Record<string, string> = { i: state.initialized ? '1' : '0' };
  if (state.protocolVersion !== undefined) fields.pv = state.protocolVersion;
  if (state.clientInfo !== undefined) fields.ci = JSON.stringify(state.clientInfo);
  if (state.clientCapabilities !== undefined) fields.cc = JSON.stringify(state.clientCapabilities);
  if (state.logLevel !== undefined) fields.ll = state.logLevel;
  if (state.subscriptions !== undefined) fields.sb = JSON.stringify(state.subscriptions);
  return fields;
}

/** Reads a record hash back; undefined when it is empty (no such session). */
export function parseState(
  id: string,
  hash: Record<string, string>,
): RedisSessionState | undefined {
  if (hash.c === undefined) return undefined;
  return {
    id,
    principal:
      hash.p === undefined || hash.p === '' ? undefined : (JSON.parse(hash.p) as Principal),
    createdAt: Number(hash.c),
    holder: hash.h ?? '',
    endpoint: hash.ep ?? '',
    protocolVersion: hash.pv,
    clientInfo: hash.ci === undefined ? undefined : (JSON.parse(hash.ci) as Implementation),
    clientCapabilities:
      hash.cc === undefined ? undefined : (JSON.parse(hash.cc) as Record<string, unknown>),
    logLevel: hash.ll as LoggingLevel | undefined,
    initialized: hash.i === '1',
    subscriptions: hash.sb === undefined ? [] : (JSON.parse(hash.sb) as string[]),
  };
}
