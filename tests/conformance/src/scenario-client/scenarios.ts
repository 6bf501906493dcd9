import type { McpSseClient } from '@mcp-sse/client';

/** What a scenario gets: the connected client and the suite's context (if any). */
export interface ScenarioInput {
  client: McpSseClient;
  /** `MCP_CONFORMANCE_CONTEXT`, parsed (an empty object when unset). */
  context: Record<string, unknown>;
}

/** What a scenario needs before connecting (only the handlers it declares). */
export interface ScenarioSetup {
  /** Answers to `elicitation/create` (stream requests in 2025, input requests in 2026). */
  elicitation?: (params: Record<string, unknown>) => Record<string, unknown>;
}

/** One client scenario: handlers to register, then what to do once connected. */
export interface ClientScenario extends ScenarioSetup {
  run(input: ScenarioInput): Promise<void>;
}

/** A tool call the suite asks for in its context (`toolCalls`). */
interface ContextToolCall {
  name: string;
  arguments?: Record<string, unknown>;
}

function contextToolCalls(context: Record<string, unknown>): ContextToolCall[] {
  const calls = context.toolCalls;
  if (!Array.isArray(calls)) return [];
  return calls.filter(
    (call): call is ContextToolCall =>
      typeof call === 'object' && call !== null && typeof call.name === 'string',
  );
}

async function callToolNamed(client: McpSseClient, name: string, args = {}): Promise<void> {
  const tools = await client.listTools();
  if (!tools.some((tool) => tool.name === name)) {
    throw new Error(`the server lists no tool "${name}" (it has: ${tools.map((t) => t.name)})`);
  }
  await client.callTool(name, args);
}

function firstName(list: unknown, key: 'name' | 'uri'): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const first: unknown = list[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const value = (first as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

// Connects, lists tools and calls the first one with the arguments the suite's test servers
// expect (`add_numbers` takes a and b).
const listAndCallFirst: ClientScenario = {
  async run({ client }) {
    const [tool] = await client.listTools();
    if (tool) await client.callTool(tool.name, { a: 2, b: 3 });
  },
};

const listOnly: ClientScenario = {
  async run({ client }) {
    await client.listTools();
  },
};

/**
 * What each client scenario of both suites needs from an MCP client (read from the suite's
 * scenario servers): each lists tools first, as an application would.
 */
export const SCENARIOS: Record<string, ClientScenario> = {
  initialize: listOnly,
  tools_call: listAndCallFirst,
  // Accept with nothing filled in: the client must add the schema's defaults (SEP-1034).
  'elicitation-sep1034-client-defaults': {
    elicitation: () => ({ action: 'accept', content: {} }),
    run: ({ client }) => callToolNamed(client, 'test_client_elicitation_defaults'),
  },
  // The server ends the call's stream after `retry: 500`; the answer comes on a GET.
  'sse-retry': { run: ({ client }) => callToolNamed(client, 'test_reconnection') },
  // 2026-07-28: every request carries `_meta` and the version header.
  'request-metadata': listOnly,
  // Mcp-Method on every POST, Mcp-Name on tools/call, resources/read and prompts/get.
  'http-standard-headers': {
    async run({ client }) {
      const [tool] = await client.listTools();
      if (tool) await client.callTool(tool.name, {});
      const resources = await client.request('resources/list', {});
      const uri = firstName(resources.resources, 'uri');
      if (uri !== undefined) await client.request('resources/read', { uri });
      const prompts = await client.request('prompts/list', {});
      const name = firstName(prompts.prompts, 'name');
      if (name !== undefined) await client.request('prompts/get', { name, arguments: {} });
    },
  },
  // Mcp-Param-* headers mirrored from `x-mcp-header` parameters, with the Base64 sentinel.
  'http-custom-headers': {
    async run({ client, context }) {
      await client.listTools();
      for (const call of contextToolCalls(context)) {
        await client.callTool(call.name, call.arguments ?? {});
      }
    },
  },
  // Tools with an invalid `x-mcp-header` must be left out of the list: call what is left.
  'http-invalid-tool-headers': {
    async run({ client }) {
      for (const tool of await client.listTools()) {
        await client.callTool(tool.name, {}).catch(() => undefined);
      }
    },
  },
  // Multi round-trip: input_required -> handler -> retry with inputResponses/requestState.
  'sep-2322-client-request-state': {
    elicitation: () => ({ action: 'accept', content: { confirmed: true } }),
    async run({ client }) {
      await client.listTools();
      for (const name of [
        'test_mrtr_echo_state',
        'test_mrtr_unrelated',
        'test_mrtr_no_state',
        'test_mrtr_no_result_type',
      ]) {
        await client.callTool(name, {});
      }
    },
  },
  // A network `$ref` in an input schema must not be fetched.
  'json-schema-ref-no-deref': listOnly,
  // The schema the client saw is echoed back: no keyword may have been dropped.
  'json-schema-2020-12-preservation': {
    async run({ client }) {
      const tools = await client.listTools();
      const focal = tools.find((tool) => tool.name === 'json_schema_2020_12_tool');
      if (!focal) throw new Error('the server lists no json_schema_2020_12_tool');
      await client.callTool('json_schema_echo', { schema: focal.inputSchema });
    },
  },
};
