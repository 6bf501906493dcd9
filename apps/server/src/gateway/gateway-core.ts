import type { InitializeResult, JSONRPCMessage } from '@mcp-sse/protocol';
import type { CoreSession, CoreSessionInit } from '../core/core-session.js';
import type { CallEndReason } from '../core/in-flight-call.js';
import {
  type CoreStats,
  McpServerCore,
  type McpServerCoreOptions,
} from '../core/mcp-server-core.js';
import type { ResolvedGatewayOptions } from './gateway-options.js';
import { StdioGateway } from './stdio-gateway.js';

/**
 * The core with a stdio server behind it: sessions, shutdown and the transports work as
 * for our own tools, but every message goes to the {@link StdioGateway} instead of the
 * built-in dispatch. A subclass, so that the core itself knows nothing of gateways.
 */
export class GatewayCore extends McpServerCore {
  /** The children and the routing between them and the sessions. */
  readonly gateway: StdioGateway;

  constructor(gateway: ResolvedGatewayOptions, options: McpServerCoreOptions = {}) {
    // The child's tools, resources and prompts are served, never ours (the legacy stream's
    // `tools` event would otherwise list tools nobody can call).
    const { tools: _t, resources: _r, resourceTemplates: _rt, prompts: _p, ...rest } = options;
    super(rest);
    this.gateway = new StdioGateway(gateway, options.logger ?? silent);
  }

  override openSession(init: CoreSessionInit): CoreSession {
    const session = super.openSession(init);
    this.gateway.open(session);
    return session;
  }

  override handle(sessionId: string, message: JSONRPCMessage): boolean {
    const session = this.session(sessionId);
    if (session === undefined) return false;
    this.gateway.handle(session, message);
    return true;
  }

  override closeSession(id: string, reason?: CallEndReason): void {
    const session = this.session(id);
    super.closeSession(id, reason);
    if (session !== undefined) this.gateway.close(session);
  }

  override serverCapabilities(protocolVersion?: string): InitializeResult['capabilities'] {
    return (
      (this.gateway.capabilities() as InitializeResult['capabilities'] | undefined) ??
      super.serverCapabilities(protocolVersion)
    );
  }

  override stats(): CoreStats {
    const own = super.stats();
    return { ...own, callsInFlight: own.callsInFlight + this.gateway.stats().requestsInFlight };
  }

  override async drain(timeoutMs: number): Promise<void> {
    await super.drain(timeoutMs);
    await this.gateway.drain(timeoutMs);
  }
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };
