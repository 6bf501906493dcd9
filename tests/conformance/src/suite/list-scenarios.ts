import type { SuiteName } from './paths.js';
import { runConformance } from './run-conformance.js';

/** The scenarios one suite has, by side. */
export interface ScenarioLists {
  server: string[];
  client: string[];
  /** Run and reported but not required by the revision (extension, pending, added later). */
  notScored: string[];
}

/**
 * Reads `conformance list` output: `Server scenarios` / `Client scenarios` sections of
 * `  - name [versions]` lines, and (with `--requirements`) the not-scored section, whose
 * lines end with `[server]` or `[client]`.
 */
export function parseList(output: string): ScenarioLists {
  const lists: ScenarioLists = { server: [], client: [], notScored: [] };
  let section: 'server' | 'client' | 'not-scored' | 'other' = 'other';
  for (const line of output.split('\n')) {
    if (/^Server scenarios/.test(line)) section = 'server';
    else if (/^Client scenarios/.test(line)) section = 'client';
    else if (/^Run and reported, but never scored/.test(line)) section = 'not-scored';
    else if (/^\S/.test(line)) section = 'other';
    const item = line.match(/^\s+- (\S+)(?: \[([^\]]*)\])?/);
    if (!item?.[1]) continue;
    if (section === 'server' || section === 'client') lists[section].push(item[1]);
    if (section === 'not-scored' && (item[2] === 'server' || item[2] === 'client')) {
      lists[item[2]].push(item[1]);
      lists.notScored.push(item[1]);
    }
  }
  return lists;
}

/**
 * The scenarios we run from each suite: 0.1.16 everything (`--suite all`), the alpha what
 * 2026-07-28 requires plus what it runs without scoring (tasks, pending).
 */
export async function listScenarios(suite: SuiteName): Promise<ScenarioLists> {
  const args = suite === '2025-11-25' ? ['list'] : ['list', '--requirements', '2026-07-28'];
  const run = await runConformance(suite, args, { timeoutMs: 60_000 });
  if (run.code !== 0) throw new Error(`conformance ${args.join(' ')} failed:\n${run.output}`);
  return parseList(run.output);
}

/** Client scenarios that need no authorization server (the auth ones are another issue's). */
export function isNonAuthClientScenario(name: string): boolean {
  return !name.startsWith('auth/') && !name.startsWith('sep-2640-');
}
