// `pnpm --filter @mcp-sse/conformance-tests conformance:client`: runs every non-auth client
// scenario of the 2025-11-25 and 2026-07-28 suites against @mcp-sse/client (built) through
// src/scenario-client, prints scenario -> result with counts and how that compares with
// expected-client.json. Exit 1 on a regression. `-- <scenario>...` runs only those.
import { runClientSuite } from '../suite/client-suites.js';
import { readExpectations } from '../suite/expectations.js';
import { SUITES } from '../suite/paths.js';
import { report } from '../suite/report.js';
import type { SuiteReport } from '../suite/server-suites.js';

const only = process.argv.slice(2).filter((arg) => arg !== '--');
const reports: SuiteReport[] = [];
for (const suite of SUITES) {
  const suiteReport = await runClientSuite(suite);
  if (only.length > 0) {
    suiteReport.results = suiteReport.results.filter((result) => only.includes(result.scenario));
  }
  reports.push(suiteReport);
}
const { text, regressions } = report('client', reports, readExpectations('expected-client.json'));
process.stdout.write(`${text}\n`);
process.exitCode = regressions > 0 ? 1 : 0;
