import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoopTiming } from '../load/closed-loop.js';
import { runThroughput, type ThroughputResult } from '../scenarios/throughput.js';
import type { ServerKind } from '../servers/kinds.js';
import { foldedStacks } from './folded.js';
import {
  type FunctionTime,
  profileLengthUs,
  readProfile,
  topFunctions,
  topPackages,
} from './top-functions.js';

/** A profiled load run: the load figures and the top self-time functions. */
export interface ProfileRun {
  kind: ServerKind;
  file: string;
  /** Folded stacks of the load window, for a flame graph. */
  folded: string;
  load: ThroughputResult;
  /** Top functions by self time inside the load window. */
  top: FunctionTime[];
  /** Self time inside the load window, per package. */
  packages: FunctionTime[];
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
    launch: { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', out] },
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
  const profile = readProfile(files[0]!);
  // The profile ends when the process exits, just after the stop request: count back from
  // there to the load window (a few ms of shutdown blur the edges, which do not matter).
  const end = profileLengthUs(profile) - 20_000;
  const { windowStart, windowEnd, stopRequested } = load.clock;
  const slice = {
    fromUs: end - (stopRequested - windowStart) * 1000,
    toUs: end - (stopRequested - windowEnd) * 1000,
  };
  const folded = files[0]!.replace(/\.cpuprofile$/, '.folded');
  writeFileSync(folded, `${foldedStacks(profile, slice)}\n`);
  return {
    kind,
    file: files[0]!,
    folded,
    load,
    top: topFunctions(profile, count, slice),
    packages: topPackages(profile, 12, slice),
  };
}
