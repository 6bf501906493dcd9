/** How a step ended. */
export type StepStatus = 'ok' | 'skip' | 'fail';

/** One thing that crossed the wire, as the client's `wire` event reports it. */
export interface WireTrace {
  direction: 'in' | 'out';
  /** `http`: a request or response seen by the demo's tracing fetch (`data` is an HttpTrace). */
  kind: 'open' | 'event' | 'post' | 'comment' | 'http';
  name?: string | undefined;
  data?: unknown;
  status?: number | undefined;
}

/** The end of a step: its status, one line saying what happened, and its facts. */
export interface StepResult {
  status: StepStatus;
  summary: string;
  data?: Record<string, unknown>;
}

/**
 * Where the demo tells its story. The text narrator writes for people (coloured on a
 * terminal, plain when piped), the JSON one writes one object per line for machines; the
 * steps never know which one they talk to.
 */
export interface Narrator {
  /** The demo starts: what it runs against. */
  start(info: { target: string; mode: 'embedded' | 'remote' }): void;
  /** A step starts. */
  begin(step: { id: string; title: string }): void;
  /** A fact found during the step, said in a sentence, with its data for machines. */
  detail(text: string, data?: Record<string, unknown>): void;
  /** Something crossed the wire during the step. */
  wire(trace: WireTrace): void;
  /** Progress of the running call. */
  progress(update: {
    progress: number;
    total?: number | undefined;
    message?: string | undefined;
  }): void;
  /** The step ended. */
  end(result: StepResult & { ms: number }): void;
  /** The demo ended. */
  finish(summary: {
    ok: boolean;
    ms: number;
    counts: Record<StepStatus, number>;
    reason?: string;
  }): void;
}
