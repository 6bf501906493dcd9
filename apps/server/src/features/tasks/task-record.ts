import type { TaskStatus } from '@mcp-sse/protocol';
import type { InputRequest } from '../input-round.js';

/** The JSON-RPC error of a task that `failed`. */
export interface TaskError {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * What a {@link TaskStore} keeps of one task: its public state plus who owns it. Plain JSON
 * so that a shared store (Redis) can hold it and any instance can answer for it.
 */
export interface TaskRecord {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  lastUpdatedAt: string;
  /** How long the task is kept after creation, in ms; null for no limit. */
  ttlMs: number | null;
  /** How often the client should poll, in ms. */
  pollIntervalMs: number;
  /** The requests the task waits on while `input_required`, by key. */
  inputRequests?: Record<string, InputRequest>;
  /** The `tools/call` result once `completed`. */
  result?: Record<string, unknown>;
  /** The JSON-RPC error once `failed`. */
  error?: TaskError;
  /** The principal that created it; only it may see or steer the task. */
  owner?: string;
  /** Which wire the task speaks: the 2026-07-28 extension or the 2025-11-25 experiment. */
  flavour: 'extension' | 'experimental';
}

/** Whether a task ended (it never changes again). */
export const isTerminal = (record: TaskRecord): boolean =>
  record.status === 'completed' || record.status === 'failed' || record.status === 'cancelled';

/** When a record may be forgotten (ms since the epoch), or Infinity. */
export const expiresAt = (record: TaskRecord): number =>
  record.ttlMs === null ? Number.POSITIVE_INFINITY : Date.parse(record.createdAt) + record.ttlMs;
