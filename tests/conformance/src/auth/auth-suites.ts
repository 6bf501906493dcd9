import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listScenarios } from '../suite/list-scenarios.js';
import { PACKAGE_ROOT, type SuiteName } from '../suite/paths.js';
import { missing, readResults, type ScenarioResult } from '../suite/results.js';
import { runConformance } from '../suite/run-conformance.js';
import type { SuiteReport } from '../suite/server-suites.js';
import { authDriverScript } from './driver-bundle.js';

/** Options for {@link runClientAuthSuite}. */
export interface AuthSuiteOptions {
  /**
   * Only those of these the suite has, each in its own suite process (default: every `auth/`
   * client scenario, a scenario group per suite process).
   */
  only?: readonly string[];
  /** With `only`: scenarios run at once (default 4). */
  concurrency?: number;
  /** The suite's per-scenario timeout for the driver (default 150 s: a busy machine). */
  scenarioTimeoutMs?: number;
}

// The suite splits the command on spaces and runs it through a shell with the scenario's
// server URL appended (so no path here may contain a space).
const command = (script: string) => `${process.execPath} --enable-source-maps ${script}`;

// The alpha skips extension scenarios at a given revision unless forced.
const SUITE_ARGS: Record<SuiteName, string[]> = {
  '2025-11-25': [],
  '2026-07-28': ['--spec-version', '2026-07-28', '--force'],
};

// The suite's own scenario groups (`--suite`) that hold its auth scenarios: one process runs a
// group's scenarios side by side, which costs far less than a suite process per scenario
// (its start is most of a scenario's CPU). Whatever they miss is run one by one.
// The alpha has no auth scenario of 2025-03-26 (`backcompat`) on its 2026-07-28 list.
const GROUPS: Record<SuiteName, string[]> = {
  '2025-11-25': ['auth', 'extensions', 'draft', 'backcompat'],
  '2026-07-28': ['auth', 'extensions', 'draft'],
};

/** True for the client scenarios that need an authorization server. */
export function isAuthClientScenario(name: string): boolean {
  return name.startsWith('auth/');
}

async function runGroup(
  suite: SuiteName,
  group: string,
  timeoutMs: number,
): Promise<{ results: ScenarioResult[]; output: string }> {
  const script = await authDriverScript();
  const dir = mkdtempSync(join(tmpdir(), `conformance-auth-${suite}-`));
  try {
    const run = await runConformance(
      suite,
      [
        ...['client', '--command', command(script), '--suite', group, ...SUITE_ARGS[suite]],
        ...['--timeout', String(timeoutMs), '-o', dir],
      ],
      { timeoutMs: timeoutMs + 60_000, cwd: PACKAGE_ROOT },
    );
    const results = readResults(dir).filter((result) => isAuthClientScenario(result.scenario));
    return { results, output: `\n=== --suite ${group}\n${run.output}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runOne(suite: SuiteName, scenario: string, timeoutMs: number) {
  const script = await authDriverScript();
  const dir = mkdtempSync(join(tmpdir(), `conformance-auth-${suite}-`));
  try {
    const run = await runConformance(
      suite,
      [
        'client',
        '--command',
        command(script),
        '--scenario',
        scenario,
        ...SUITE_ARGS[suite],
        '--timeout',
        String(timeoutMs),
        '-o',
        dir,
      ],
      { timeoutMs: timeoutMs + 30_000, cwd: PACKAGE_ROOT },
    );
    const [result] = readResults(dir);
    const why = run.timedOut ? 'the suite was killed' : `no checks.json (exit ${run.code})`;
    return { ...(result ?? missing(scenario, why)), scenario, output: run.output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a suite's client auth scenarios against the `mcp-sse` CLI through the driver
 * (src/auth/driver.ts) and reads each scenario's checks: a scenario group per suite process,
 * then one by one what the groups missed (or, with `only`, those, a few at a time).
 */
export async function runClientAuthSuite(
  suite: SuiteName,
  options: AuthSuiteOptions = {},
): Promise<SuiteReport> {
  const lists = await listScenarios(suite);
  const listed = lists.client.filter(isAuthClientScenario);
  const only = options.only;
  const timeoutMs = options.scenarioTimeoutMs ?? 300_000;
  const found = new Map<string, ScenarioResult>();
  let output = '';
  if (only === undefined) {
    for (const group of GROUPS[suite]) {
      const run = await runGroup(suite, group, timeoutMs);
      for (const result of run.results) {
        if (listed.includes(result.scenario) && !found.has(result.scenario)) {
          found.set(result.scenario, result);
        }
      }
      output += run.output;
    }
  }
  const scenarios = listed.filter(
    (name) => (only === undefined || only.includes(name)) && !found.has(name),
  );
  const results: ScenarioResult[] = new Array(scenarios.length);
  let next = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const index = next++;
      const { output: text, ...result } = await runOne(suite, scenarios[index]!, timeoutMs);
      results[index] = {
        ...result,
        ...(lists.notScored.includes(result.scenario) ? { notScored: true } : {}),
      };
      output += `\n=== ${result.scenario}\n${text}`;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  for (const result of results) found.set(result.scenario, result);
  const ordered = listed.filter((name) => found.has(name)).map((name) => found.get(name)!);
  for (const result of ordered) {
    if (lists.notScored.includes(result.scenario)) result.notScored = true;
  }
  return { suite, results: ordered, output };
}
