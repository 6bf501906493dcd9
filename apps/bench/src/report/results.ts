import type { ClientRunOutput } from '../runners/client-runner.js';
import type { CurvePoint } from '../scenarios/curve.js';
import type { DecodeResult } from '../scenarios/decode.js';
import type { IdleResult } from '../scenarios/idle.js';
import type { MultiInstanceResult } from '../scenarios/multi-instance.js';
import type { ProgressResult } from '../scenarios/progress.js';
import type { ReadyResult } from '../scenarios/ready.js';
import type { RedisCostResult } from '../scenarios/redis-cost.js';
import type { ResumeResult } from '../scenarios/resume.js';
import type { ThroughputResult } from '../scenarios/throughput.js';
import type { ToolsListPoint } from '../scenarios/tools-list.js';
import type { ServerKind } from '../servers/kinds.js';

/** The throughput shapes: sessions x calls in flight per session. */
export const SHAPES = [
  { name: '1x1', sessions: 1, inFlight: 1 },
  { name: '1x32', sessions: 1, inFlight: 32 },
  { name: '50x4', sessions: 50, inFlight: 4 },
] as const;

/** A throughput shape's name. */
export type ShapeName = (typeof SHAPES)[number]['name'];

/** Per server kind, one entry per repetition. */
export type PerServer<T> = Partial<Record<ServerKind, T[]>>;

/** Everything one `pnpm bench` run measured: written as JSON, rendered as the tables. */
export interface BenchResults {
  profile: string;
  /** Repetitions of each timed scenario. */
  reps: number;
  /** The nice value the bench and its children ran at. */
  nice: number;
  startedAt: string;
  finishedAt?: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memGB: number };
  throughput: Record<ShapeName, PerServer<ThroughputResult>>;
  ready: PerServer<ReadyResult>;
  progress: PerServer<ProgressResult>;
  /** Keyed by the number of sessions requested. */
  idle: Record<string, Partial<Record<ServerKind, IdleResult>>>;
  clients: { server?: ServerKind; ours: ClientRunOutput[]; sdk: ClientRunOutput[] };
  /** Our Streamable HTTP client against the SDK v2 client, same server. */
  clientsStreamable?: { server?: ServerKind; ours: ClientRunOutput[]; sdk: ClientRunOutput[] };
  /** Resumability on and off, one entry per repetition. */
  resume?: ResumeResult[];
  /** Redis against memory, one entry per repetition. */
  redisCost?: RedisCostResult[];
  /** The cost curve: calls/s, p99, CPU and memory as sessions grow. */
  curve?: CurvePoint[];
  /** tools/list cost by list length. */
  toolsList?: ToolsListPoint[];
  decode: DecodeResult[];
  /** Several instances on Redis against one (all repetitions). */
  multiInstance?: MultiInstanceResult[];
  /** Runs that could not be done, with the reason. */
  failures: string[];
}
