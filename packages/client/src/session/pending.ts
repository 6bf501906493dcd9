import type { Progress, RequestId } from '@mcp-sse/protocol';
import type { McpSseClientError } from '../errors.js';

/** A request waiting for its response. */
export interface PendingRequest {
  id: RequestId;
  method: string;
  /** Epoch ms after which it times out. */
  deadline: number;
  /** Epoch ms it may never outlive, progress or not. */
  hardDeadline: number;
  /** Epoch ms it was sent. */
  startedAt: number;
  timeout: number;
  resetOnProgress: boolean;
  onProgress: ((progress: Progress) => void) | undefined;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: McpSseClientError) => void;
  /** Detaches the abort listener. */
  cleanup: (() => void) | undefined;
}
