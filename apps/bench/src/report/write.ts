import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './results.js';

/** Writes the results as `bench-<time>.json` and `latest.json` (and the tables as latest.md). */
export function writeResults(dir: string, results: BenchResults, tables: string): string {
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const file = join(dir, `bench-${results.profile}-${stamp}.json`);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  writeFileSync(join(dir, 'latest.md'), `${tables}\n`);
  return file;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/**
 * Replaces the recorded run in BENCHMARKS.md (between the bench markers) with `tables`;
 * false when the file or its markers are missing.
 */
export function recordInBenchmarksMd(file: string, tables: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) return false;
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${tables}\n${text.slice(end)}`);
  return true;
}
