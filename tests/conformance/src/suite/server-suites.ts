import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listScenarios } from './list-scenarios.js';
import type { SuiteName } from './paths.js';
import { missing, readResults, type ScenarioResult } from './results.js';
import { runConformance } from './run-conformance.js';

/** One suite's results against one server. */
export interface SuiteReport {
  suite: SuiteName;
  results: ScenarioResult[];
  /** The suite's console output (its summary), for failure messages. */
  output: string;
}

const SERVER_ARGS: Record<SuiteName, string[]> = {
  // Every 2025-11-25 scenario, the two pending ones included.
  '2025-11-25': ['--suite', 'all'],
  // Exactly what 2026-07-28 requires, at its wire, plus what it runs without scoring.
  '2026-07-28': ['--requirements', '2026-07-28', '--timeout', '20000'],
};

/**
 * Runs one suite's server scenarios against `url` (one conformance process, scenarios one
 * after another) and reads every scenario's checks. A scenario the suite lists but left no
 * result for counts as `missing`.
 */
export async function runServerSuite(
  suite: SuiteName,
  url: string,
  timeoutMs = 240_000,
): Promise<SuiteReport> {
  const lists = await listScenarios(suite);
  const listed = lists.server;
  const dir = mkdtempSync(join(tmpdir(), `conformance-server-${suite}-`));
  try {
    const run = await runConformance(
      suite,
      ['server', '--url', url, ...SERVER_ARGS[suite], '-o', dir],
      { timeoutMs },
    );
    const found = readResults(dir);
    const why = run.timedOut ? `the suite was killed after ${timeoutMs} ms` : 'no checks.json';
    const results = listed.map(
      (scenario) => found.find((result) => result.scenario === scenario) ?? missing(scenario, why),
    );
    for (const extra of found) {
      if (!listed.includes(extra.scenario)) results.push(extra);
    }
    for (const result of results) {
      if (lists.notScored.includes(result.scenario)) result.notScored = true;
    }
    return { suite, results, output: run.output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ONE_SCENARIO_ARGS: Record<SuiteName, string[]> = {
  '2025-11-25': [],
  // --force: extension scenarios (tasks) are not on the revision's timeline.
  '2026-07-28': ['--spec-version', '2026-07-28', '--force', '--timeout', '20000'],
};

/** Runs one server scenario again (a second look before calling a failure a regression). */
export async function runServerScenario(
  suite: SuiteName,
  url: string,
  scenario: string,
  timeoutMs = 90_000,
): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), `conformance-server-${suite}-`));
  try {
    const run = await runConformance(
      suite,
      ['server', '--url', url, '--scenario', scenario, ...ONE_SCENARIO_ARGS[suite], '-o', dir],
      { timeoutMs },
    );
    const found = readResults(dir).find((result) => result.scenario === scenario);
    return found ?? missing(scenario, run.timedOut ? 'killed' : `no checks.json:\n${run.output}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
