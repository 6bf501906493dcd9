import { compare, type Expectations } from './expectations.js';
import type { SuiteReport } from './server-suites.js';
import { counts, formatTable } from './table.js';

/** The printed report of one side's suites, and whether any must-pass scenario failed. */
export function report(
  side: 'server' | 'client',
  reports: readonly SuiteReport[],
  expectations: Expectations,
): { text: string; regressions: number } {
  const parts: string[] = [];
  let regressions = 0;
  for (const suiteReport of reports) {
    parts.push(formatTable(`conformance ${side} ${suiteReport.suite}`, suiteReport));
    const comparison = compare(suiteReport, expectations[suiteReport.suite]);
    regressions += comparison.regressions.length;
    if (comparison.regressions.length > 0) {
      parts.push(`  REGRESSED (must pass): ${comparison.regressions.join(', ')}`);
    }
    if (comparison.newlyPassing.length > 0) {
      parts.push(
        `  newly passing (add to expected-${side}.json): ${comparison.newlyPassing.join(', ')}`,
      );
    }
  }
  const totals = reports
    .map((suiteReport) => {
      const { passed, total } = counts(suiteReport);
      return `${suiteReport.suite} ${passed}/${total}`;
    })
    .join(', ');
  parts.push(`conformance ${side}: ${totals} scenarios pass`);
  return { text: parts.join('\n'), regressions };
}
