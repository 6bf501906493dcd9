// The client side of the conformance client suites: `conformance client --command "node
// scenario-client.mjs" --scenario S` (this file, bundled once per run by
// suite/scenario-client-bundle.ts) starts a test server and runs this with its URL as the
// last argument, the scenario in MCP_CONFORMANCE_SCENARIO, its data in MCP_CONFORMANCE_CONTEXT
// and (alpha) the revision in MCP_CONFORMANCE_PROTOCOL_VERSION. It uses @mcp-sse/client as an
// application would: connect(url), then what the scenario needs; exit 0 when it all worked.
import { connect, type McpSseClientOptions } from '@mcp-sse/client';
import { SCENARIOS } from './scenarios.js';

// Every scenario is a few requests to a local test server; a client that hangs fails here,
// before the suite's own timeout, with a message.
const DEADLINE_MS = 20_000;

function parseContext(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

async function main(): Promise<void> {
  const url = process.argv[2];
  const name = process.env.MCP_CONFORMANCE_SCENARIO;
  if (url === undefined || name === undefined) {
    process.stderr.write('usage: MCP_CONFORMANCE_SCENARIO=<scenario> main.ts <server-url>\n');
    process.exit(2);
  }
  const scenario = SCENARIOS[name];
  if (!scenario) {
    process.stderr.write(`scenario-client: no handler for scenario "${name}"; add one\n`);
    process.exit(1);
  }
  const version = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION;
  const { elicitation } = scenario;
  // Built as a plain object: `handlers` (issue 14) may be newer than the typed options.
  const options: Record<string, unknown> = {
    clientInfo: { name: 'mcp-sse-conformance-client', version: '0.0.0' },
    connectTimeout: DEADLINE_MS,
    ...(version === undefined ? {} : { protocolVersion: version }),
    ...(elicitation === undefined ? {} : { handlers: { elicitation } }),
  };
  const client = await connect(url, options as McpSseClientOptions);
  try {
    await scenario.run({ client, context: parseContext(process.env.MCP_CONFORMANCE_CONTEXT) });
  } finally {
    await client.close();
  }
}

const deadline = setTimeout(() => {
  process.stderr.write(`scenario-client: gave up after ${DEADLINE_MS} ms\n`);
  process.exit(1);
}, DEADLINE_MS);

main().then(
  () => {
    clearTimeout(deadline);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`scenario-client: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
