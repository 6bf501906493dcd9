import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoopTiming } from '../load/closed-loop.js';
import { runThroughput, type ThroughputResult } from '../scenarios/throughput.js';
import type { ServerKind } from '../servers/kinds.js';
import { type FunctionTime, readProfile, topFunctions } from './top-functions.js';

/** A profiled load run: the load figures and the top self-time functions. */
export interface ProfileRun {
  kind: ServerKind;
  file: string;
  load: ThroughputResult;
  top: FunctionTime[];
}

/**
 * Runs 1 x 32 `echo` load against a fresh server started with `node --cpu-prof` and reads
 * the profile it writes on exit. The server must exit normally on SIGTERM for the profile
 * to be written.
 */
export async function profileServer(
  kind: ServerKind,
  dir: string,
  timing: LoopTiming,
  count = 25,
): Promise<ProfileRun> {
  const out = join(dir, `profile-${kind}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const load = await runThroughput(kind, 1, 32, timing, {
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', out],
  });
  const files = readdirSync(out)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(out, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) {
    throw new Error(
      `${kind} server wrote no .cpuprofile in ${out} (does it exit normally on SIGTERM?)`,
    );
  }
  return { kind, file: files[0]!, load, top: topFunctions(readProfile(files[0]!), count) };
}
