import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, SUITES, type SuiteName } from './paths.js';
import type { SuiteReport } from './server-suites.js';

/** An expectation file: per suite, the scenarios that must pass (all others may fail). */
export type Expectations = Record<SuiteName, string[]>;

/** Reads `expected-server.json`, `expected-client.json` or `expected-client-auth.json`. */
export function readExpectations(
  file: 'expected-server.json' | 'expected-client.json' | 'expected-client-auth.json',
) {
  const parsed = JSON.parse(readFileSync(join(PACKAGE_ROOT, file), 'utf8')) as Record<
    string,
    unknown
  >;
  const expectations = {} as Expectations;
  for (const suite of SUITES) {
    const list = parsed[suite];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw new Error(`${file}: "${suite}" must be an array of scenario names`);
    }
    expectations[suite] = list;
  }
  return expectations;
}

/** How a suite's results compare with what must pass. */
export interface Comparison {
  /** Must pass and did not: the test fails on these. */
  regressions: string[];
  /** Passed but are not listed yet: printed so the list can be raised. */
  newlyPassing: string[];
}

/** Compares a report with the scenarios that must pass. */
export function compare(report: SuiteReport, mustPass: readonly string[]): Comparison {
  const passing = new Set(
    report.results.filter((result) => result.status === 'pass').map((result) => result.scenario),
  );
  return {
    regressions: mustPass.filter((scenario) => !passing.has(scenario)),
    newlyPassing: [...passing].filter((scenario) => !mustPass.includes(scenario)),
  };
}
