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
  /** Only those of these the suite has (default: every `auth/` client scenario of it). */
  only?: readonly string[];
  /**
   * Scenarios run at once (default 4): each has its own servers on free ports and its own
   * config directory, and spends most of its time starting processes.
   */
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

/** True for the client scenarios that need an authorization server. */
export function isAuthClientScenario(name: string): boolean {
  return name.startsWith('auth/');
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
 * (src/auth/driver.ts), a few at a time, and reads each scenario's checks.
 */
export async function runClientAuthSuite(
  suite: SuiteName,
  options: AuthSuiteOptions = {},
): Promise<SuiteReport> {
  const lists = await listScenarios(suite);
  const listed = lists.client.filter(isAuthClientScenario);
  const only = options.only;
  const scenarios = only ? listed.filter((name) => only.includes(name)) : listed;
  const timeoutMs = options.scenarioTimeoutMs ?? 150_000;
  const results: ScenarioResult[] = new Array(scenarios.length);
  let output = '';
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
  return { suite, results, output };
}
