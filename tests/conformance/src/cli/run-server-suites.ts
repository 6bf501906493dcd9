// `pnpm --filter @mcp-sse/conformance-tests conformance:server`: starts the built
// mcp-sse-server (build it first: `pnpm --filter @mcp-sse/server build`), runs the 2025-11-25
// and 2026-07-28 server suites against its /mcp, prints scenario -> result with counts and
// how that compares with expected-server.json, stops the server. Exit 1 on a regression.
import { readExpectations } from '../suite/expectations.js';
import { SUITES } from '../suite/paths.js';
import { report } from '../suite/report.js';
import { startServer } from '../suite/server-process.js';
import { runServerSuite, type SuiteReport } from '../suite/server-suites.js';

const server = await startServer({ examples: 'conformance' });
const reports: SuiteReport[] = [];
try {
  process.stdout.write(`mcp-sse-server ${server.args.join(' ')} at ${server.mcpUrl}\n`);
  for (const suite of SUITES) reports.push(await runServerSuite(suite, server.mcpUrl));
} finally {
  await server.stop();
}
const { text, regressions } = report('server', reports, readExpectations('expected-server.json'));
process.stdout.write(`${text}\n`);
process.exitCode = regressions > 0 ? 1 : 0;
