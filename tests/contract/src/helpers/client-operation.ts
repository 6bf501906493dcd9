import { McpSseClient, McpSseClientError, type McpSseClientOptions } from '@mcp-sse/client';
import { FIXTURE_CLIENT_INFO, type FixtureOperation } from '@mcp-sse/protocol/fixtures';

/** What our client produced for a fixture's operation. */
export interface OperationOutcome {
  result?: unknown;
  error?: { code: number; message: string; clientCode: string };
  progress: Array<{ progress: number; total?: number | undefined }>;
}

/** Operations our client has no public method for; their fixtures are skipped. */
export const unsupportedOperations: ReadonlySet<FixtureOperation['kind']> = new Set();

/**
 * Connects our client to `url`, runs one fixture operation and reports what it resolved or
 * rejected with and the progress it reported. The client is closed before it returns.
 * `options` pin the transport and revision (HTTP+SSE when none).
 */
export async function runOperation(
  url: string,
  operation: FixtureOperation,
  options: Pick<McpSseClientOptions, 'transport' | 'protocolVersion' | 'reconnect'> = {},
): Promise<OperationOutcome> {
  const client = new McpSseClient(url, {
    ...options,
    clientInfo: FIXTURE_CLIENT_INFO,
    connectTimeout: 30_000,
    requestTimeout: 30_000,
  });
  const progress: OperationOutcome['progress'] = [];
  try {
    await client.connect();
    switch (operation.kind) {
      case 'connect':
        return {
          result: {
            protocolVersion: client.protocolVersion,
            capabilities: client.serverCapabilities,
            serverInfo: client.serverInfo,
          },
          progress,
        };
      case 'ping':
        await client.ping();
        return { result: {}, progress };
      case 'listTools':
        return { result: await client.listTools(), progress };
      case 'callTool': {
        const onProgress = operation.withProgress
          ? (update: { progress: number; total?: number | undefined }) =>
              progress.push({ progress: update.progress, total: update.total })
          : undefined;
        const result = await client.callTool(operation.name, operation.arguments, { onProgress });
        return { result, progress };
      }
      case 'request':
        return { result: await client.request(operation.method, operation.params), progress };
      default:
        throw new Error(`operation ${JSON.stringify(operation)} is not supported by our client`);
    }
  } catch (error) {
    if (McpSseClientError.isInstance(error) && error.rpcCode !== undefined) {
      return {
        error: { code: error.rpcCode, message: error.message, clientCode: error.code },
        progress,
      };
    }
    throw error;
  } finally {
    await client.close();
  }
}
