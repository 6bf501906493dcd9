import type { LoggingLevel } from '@mcp-sse/protocol';
import type { SessionInfo, ToolContext } from '../../tools/tool-context.js';
import type { ClientChannel } from '../client-channel.js';
import { clientRequests } from '../client-requests.js';

/**
 * The `ctx` of a handler running as a task. The task outlives the request that created
 * it, so there is no stream for progress or logs (the client polls `tasks/get`); requests
 * to the client go through the task's channel (`input_required` on 2026-07-28).
 */
export class TaskContext implements ToolContext {
  readonly elicit: ToolContext['elicit'];
  readonly sample: ToolContext['sample'];
  readonly roots: ToolContext['roots'];

  constructor(
    readonly session: SessionInfo,
    readonly signal: AbortSignal,
    channel: ClientChannel,
  ) {
    const requests = clientRequests(() => channel);
    this.elicit = requests.elicit;
    this.sample = requests.sample;
    this.roots = requests.roots;
  }

  progress(_progress: number, _total?: number, _message?: string): void {
    // No request stream to carry it: the task's status is what the client polls.
  }

  log(_level: LoggingLevel, _data: unknown): void {
    // Same: a task's logs have no request stream to travel on.
  }
}
