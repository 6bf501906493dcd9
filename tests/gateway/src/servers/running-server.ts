import type { EventEmitter } from 'node:events';

/** A server started for a test: where it listens (its MCP URLs) and how to stop it. */
export interface RunningServer {
  /** Its name in printed tables. */
  name: string;
  /** Host and port it listens on (a chaos proxy can be put in front). */
  host: string;
  port: number;
  /** The paths of the transports it serves, by kind. */
  paths: { streamable?: string; sse?: string };
  /** Emits `step` (with its number) as `slow` goes, `waiting` and `cancelled` for `wait`. */
  steps: EventEmitter;
  close(): Promise<void>;
}

/** The URL of one of the server's transports, at `origin` (the server, or a proxy in front). */
export function urlOf(server: RunningServer, kind: 'streamable' | 'sse', origin?: string): string {
  const path = server.paths[kind];
  if (path === undefined) throw new Error(`${server.name} has no ${kind} endpoint`);
  return `${origin ?? `http://${server.host}:${server.port}`}${path}`;
}
