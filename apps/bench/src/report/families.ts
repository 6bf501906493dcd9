import type { ServerKind } from '../servers/kinds.js';

/**
 * A table of servers compared side by side: ours first, the anchor (the official SDK of
 * that transport), the ceiling (bare Fastify, canned answers), and others shown alongside.
 */
export interface Family {
  /** Section title. */
  title: string;
  /** Short name used in the targets table. */
  short: string;
  /** Table columns in order; the first is ours, every ratio is first/other. */
  columns: ServerKind[];
  anchor: ServerKind;
  ceiling: ServerKind;
  /** Which targets apply. */
  targets: 'http+sse' | 'sessions' | 'stateless';
}

/** The server tables of a run, in order. */
export const FAMILIES: readonly Family[] = [
  {
    title: 'HTTP+SSE (2024-11-05): mcp-sse vs the SDK v1 server',
    short: 'HTTP+SSE',
    columns: ['ours', 'sdk', 'raw'],
    anchor: 'sdk',
    ceiling: 'raw',
    targets: 'http+sse',
  },
  {
    title: 'Streamable HTTP, sessions, JSON answers',
    short: 'sessions JSON',
    columns: ['ours-json', 'sdk2-json', 'fastmcp', 'raw-mcp'],
    anchor: 'sdk2-json',
    ceiling: 'raw-mcp',
    targets: 'sessions',
  },
  {
    title: 'Streamable HTTP, sessions, SSE answers',
    short: 'sessions SSE',
    columns: ['ours-stream', 'sdk2-stream', 'fastmcp', 'raw-mcp'],
    anchor: 'sdk2-stream',
    ceiling: 'raw-mcp',
    targets: 'sessions',
  },
  {
    title: 'Stateless: 2026-07-28 (and 2025 clients served without sessions)',
    short: 'stateless',
    columns: ['ours-2026', 'sdk2-handler', 'ours-stateless', 'raw-2026'],
    anchor: 'sdk2-handler',
    ceiling: 'raw-2026',
    targets: 'stateless',
  },
];
