import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One check as the suite writes it to checks.json. */
export interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED' | string;
  description?: string;
  errorMessage?: string;
}

/**
 * A scenario's outcome: `pass` (no failed check and at least one that succeeded), `fail`,
 * `empty` (no check ran: the suite counts it as passed, we do not), or `missing` (the suite
 * left no result, e.g. it crashed or was killed).
 */
export type ScenarioStatus = 'pass' | 'fail' | 'empty' | 'missing';

/** The outcome of one scenario with its check counts. */
export interface ScenarioResult {
  scenario: string;
  status: ScenarioStatus;
  passed: number;
  failed: number;
  warnings: number;
  /** The first failing checks' messages, for reports. */
  failures: string[];
  /** True when the revision runs it without requiring it (extension, pending). */
  notScored?: boolean;
}

/** Turns a scenario's checks into its result. */
export function summarize(scenario: string, checks: readonly Check[]): ScenarioResult {
  const passed = checks.filter((check) => check.status === 'SUCCESS').length;
  const failedChecks = checks.filter((check) => check.status === 'FAILURE');
  const warnings = checks.filter((check) => check.status === 'WARNING').length;
  const status: ScenarioStatus =
    failedChecks.length > 0 ? 'fail' : passed + warnings > 0 ? 'pass' : 'empty';
  return {
    scenario,
    status,
    passed,
    failed: failedChecks.length,
    warnings,
    failures: failedChecks
      .slice(0, 3)
      .map((check) => `${check.id}: ${check.errorMessage ?? check.description ?? ''}`),
  };
}

/** A result for a scenario the suite ran no checks for at all. */
export function missing(scenario: string, why: string): ScenarioResult {
  return { scenario, status: 'missing', passed: 0, failed: 0, warnings: 0, failures: [why] };
}

// Result folders are `[server-]<scenario>-<ISO time with : and . as ->`.
const FOLDER = /^(?:server-)?(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

function readChecks(file: string): Check[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(parsed) ? (parsed as Check[]) : [];
}

/** Every checks.json under `dir` (one folder per scenario, as `-o dir` writes them). */
export function readResults(dir: string): ScenarioResult[] {
  if (!existsSync(dir)) return [];
  const results: ScenarioResult[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (!statSync(path).isDirectory()) continue;
      const file = join(path, 'checks.json');
      if (existsSync(file)) {
        const relative = path.slice(dir.length + 1).replaceAll('\\', '/');
        const scenario = relative.replace(/[^/]+$/, (last) => last.match(FOLDER)?.[1] ?? last);
        results.push(summarize(scenario, readChecks(file)));
      } else {
        pending.push(path);
      }
    }
  }
  return results.sort((a, b) => a.scenario.localeCompare(b.scenario));
}
