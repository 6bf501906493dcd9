// `pnpm --filter @mcp-sse/conformance-tests conformance:client-auth`: runs every client AUTH
// scenario of the 2025-11-25 and 2026-07-28 suites against the built `mcp-sse` CLI through
// src/auth/driver.ts, prints scenario -> result with counts and how that compares with
// expected-client-auth.json. Exit 1 on a regression. `-- <scenario>...` runs only those.
import { runClientAuthSuite } from '../auth/auth-suites.js';
import { readKnownFailing } from '../auth/known-failing.js';
import { compare, readExpectations } from '../suite/expectations.js';
import { SUITES } from '../suite/paths.js';
import { counts, formatTable } from '../suite/table.js';

const only = process.argv.slice(2).filter((arg) => arg !== '--');
const expectations = readExpectations('expected-client-auth.json');
const knownFailing = readKnownFailing();
const totals: string[] = [];
let regressions = 0;
for (const suite of SUITES) {
  const report = await runClientAuthSuite(suite, only.length > 0 ? { only } : {});
  process.stdout.write(`${formatTable(`conformance client auth ${suite}`, report)}\n`);
  for (const [scenario, why] of Object.entries(knownFailing[suite] ?? {})) {
    process.stdout.write(`  known failing: ${scenario}: ${why}\n`);
  }
  const ran = report.results.map((result) => result.scenario);
  const comparison = compare(
    report,
    expectations[suite].filter((name) => ran.includes(name)),
  );
  regressions += comparison.regressions.length;
  if (comparison.regressions.length > 0) {
    process.stdout.write(`  REGRESSED (must pass): ${comparison.regressions.join(', ')}\n`);
  }
  if (comparison.newlyPassing.length > 0) {
    process.stdout.write(
      `  newly passing (add to expected-client-auth.json): ${comparison.newlyPassing.join(', ')}\n`,
    );
  }
  const { passed, total } = counts(report);
  totals.push(`${suite} ${passed}/${total}`);
}
process.stdout.write(`conformance client auth: ${totals.join(', ')} scenarios pass\n`);
process.exitCode = regressions > 0 ? 1 : 0;
