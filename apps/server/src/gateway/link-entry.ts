import type { RequestId } from '@mcp-sse/protocol';
import type { ChildLink } from './child-link.js';
import type { GatewaySession } from './gateway-session.js';

/** Where a child's request id leads back to: the session and the client's own id and token. */
export interface RequestRoute {
  session: GatewaySession;
  clientId: RequestId;
  /** The client's progress token, when it asked for progress (the child sees the child id). */
  clientToken: string | number | undefined;
}

/** One child and the sessions it serves: one in per-session mode, any number when shared. */
export interface LinkEntry {
  link: ChildLink;
  /** True for the shared child (several sessions, no per-client state forwarded). */
  shared: boolean;
  readonly sessions: Set<GatewaySession>;
  /** Requests in flight on this child, by child id (also the progress token the child sees). */
  readonly routes: Map<number, RequestRoute>;
}
