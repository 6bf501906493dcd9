import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { McpServerCore } from '../core/mcp-server-core.js';
import { markJsonRpcErrors } from '../http/error-handler.js';
import { GatewayCore } from './gateway-core.js';
import { GatewayErrorCode } from './gateway-error-codes.js';
import { GatewayFullError } from './gateway-http-errors.js';

function isInitialize(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    (body as { method?: unknown }).method === 'initialize'
  );
}

/**
 * Starts the gateway's shared child before the server listens (a command that does not run
 * fails the start, with its reason) and stops every child when the server closes.
 */
export async function startGateway(fastify: FastifyInstance, core: McpServerCore): Promise<void> {
  if (!(core instanceof GatewayCore)) return;
  fastify.addHook('onClose', async () => core.gateway.stop());
  fastify.log.info(
    { command: core.gateway.options.display, mode: core.gateway.options.mode },
    'starting the stdio server',
  );
  await core.gateway.start();
}

/**
 * Refuses a new session's `initialize` with 503 (and a JSON-RPC error) when every child
 * slot is taken, before a transport opens anything for it.
 */
export function admitGatewaySessions(scope: FastifyInstance, core: McpServerCore): void {
  if (!(core instanceof GatewayCore)) return;
  const gateway = core.gateway;
  scope.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (request.method !== 'POST' || gateway.hasRoom() || !isInitialize(request.body)) {
      done();
      return;
    }
    markJsonRpcErrors(request);
    const error = Object.assign(new GatewayFullError(gateway.options.maxChildren), {
      rpcCode: GatewayErrorCode.TooManyChildren,
      rpcId: (request.body as { id?: unknown }).id,
    });
    reply.header('retry-after', '5');
    done(error);
  });
}
