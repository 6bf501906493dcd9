import type { ScenarioResult } from './results.js';
import type { SuiteReport } from './server-suites.js';

const MARK: Record<ScenarioResult['status'], string> = {
  pass: 'PASS',
  fail: 'fail',
  empty: 'empty',
  missing: 'none',
};

/** `passed/total` for a suite, the `empty` and `missing` ones counted as not passed. */
export function counts(report: SuiteReport): { passed: number; total: number } {
  return {
    passed: report.results.filter((result) => result.status === 'pass').length,
    total: report.results.length,
  };
}

/**
 * A plain-text table of one suite: scenario, result, and check counts (passed, failed,
 * warnings), with the first failing check of each failed scenario, then the count line.
 */
export function formatTable(title: string, report: SuiteReport, details = true): string {
  const width = Math.max(8, ...report.results.map((result) => result.scenario.length));
  const lines = [`${title}`, `  ${'scenario'.padEnd(width)}  result  checks ok/failed/warn`];
  for (const result of report.results) {
    const checks = `${result.passed}/${result.failed}/${result.warnings}`;
    const note = result.notScored ? '  (not scored)' : '';
    lines.push(
      `  ${result.scenario.padEnd(width)}  ${MARK[result.status].padEnd(6)}  ${checks.padEnd(8)}${note}`,
    );
    const first = result.failures[0];
    if (details && result.status !== 'pass' && first !== undefined) {
      lines.push(`  ${''.padEnd(width)}    ${first.replace(/\s+/g, ' ').slice(0, 140)}`);
    }
  }
  const { passed, total } = counts(report);
  const scored = report.results.filter((result) => !result.notScored);
  const scoredPassed = scored.filter((result) => result.status === 'pass').length;
  const split = scored.length === total ? '' : ` (required ${scoredPassed} of ${scored.length})`;
  lines.push(`  ${report.suite}: ${passed} of ${total} scenarios pass${split}`);
  return lines.join('\n');
}
