import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNonAuthClientScenario, listScenarios } from './list-scenarios.js';
import { PACKAGE_ROOT, type SuiteName } from './paths.js';
import { missing, readResults, type ScenarioResult } from './results.js';
import { runConformance } from './run-conformance.js';
import { scenarioClientScript } from './scenario-client-bundle.js';
import type { SuiteReport } from './server-suites.js';

/** Options for {@link runClientSuite}. */
export interface ClientSuiteOptions {
  /** Only these scenarios (default: every non-auth client scenario of the suite). */
  only?: readonly string[];
  /** Scenarios run at once (default 2: each is two processes and a test server). */
  concurrency?: number;
  /** The suite's own per-scenario timeout (default 30 s; our runner gives up at 20 s). */
  scenarioTimeoutMs?: number;
}

// The suite splits the command on spaces and runs it through a shell with the test server's
// URL appended (so no path here may contain a space).
const command = (script: string) => `${process.execPath} --enable-source-maps ${script}`;

// 0.1.16 does not tell the client which revision it tests (the alpha sets it from
// `--spec-version`): every 0.1.16 client scenario is 2025-11-25.
const SUITE_ARGS: Record<SuiteName, string[]> = {
  '2025-11-25': [],
  '2026-07-28': ['--spec-version', '2026-07-28'],
};
const SUITE_ENV: Record<SuiteName, NodeJS.ProcessEnv> = {
  '2025-11-25': { MCP_CONFORMANCE_PROTOCOL_VERSION: '2025-11-25' },
  '2026-07-28': {},
};

async function runOne(
  suite: SuiteName,
  scenario: string,
  timeoutMs: number,
): Promise<ScenarioResult & { output: string }> {
  const script = await scenarioClientScript();
  const dir = mkdtempSync(join(tmpdir(), `conformance-client-${suite}-`));
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
      { timeoutMs: timeoutMs + 30_000, env: SUITE_ENV[suite], cwd: PACKAGE_ROOT },
    );
    const [result] = readResults(dir);
    const why = run.timedOut ? 'the suite was killed' : `no checks.json (exit ${run.code})`;
    return { ...(result ?? missing(scenario, why)), scenario, output: run.output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a suite's non-auth client scenarios against our client through the scenario runner
 * (src/scenario-client), a few at a time, and reads each scenario's checks.
 */
export async function runClientSuite(
  suite: SuiteName,
  options: ClientSuiteOptions = {},
): Promise<SuiteReport> {
  const lists = await listScenarios(suite);
  const scenarios = options.only ?? lists.client.filter(isNonAuthClientScenario);
  const timeoutMs = options.scenarioTimeoutMs ?? 30_000;
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
      output += text;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return { suite, results, output };
}
