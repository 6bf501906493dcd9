/** Reads V8 `.cpuprofile` files (from `node --cpu-prof`) and sums self time. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** The parts of a V8 `.cpuprofile` this reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** One function's share of the samples. */
export interface FunctionTime {
  name: string;
  where: string;
  selfMs: number;
  selfPct: number;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1)
    return url.slice(nm + 'node_modules/'.length).replace(/^\.pnpm\/[^/]+\/node_modules\//, '');
  const parts = url.split('/');
  return parts.slice(-3).join('/');
}

/** A slice of the profile, in microseconds from its start. */
export interface ProfileSlice {
  fromUs: number;
  toUs: number;
}

/** Self time per sampled node id inside `slice` (the whole profile when omitted). */
function selfTimes(
  profile: CpuProfile,
  slice?: ProfileSlice,
): { selfUs: Map<number, number>; totalUs: number } {
  const selfUs = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  let at = 0;
  let totalUs = 0;
  for (let i = 0; i < samples.length; i += 1) {
    at += timeDeltas[i] ?? 0;
    if (slice !== undefined && (at < slice.fromUs || at > slice.toUs)) continue;
    // A sample's time is the delta to the next one.
    const delta = timeDeltas[i + 1] ?? 0;
    totalUs += delta;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + delta);
  }
  return { selfUs, totalUs };
}

function summarise(
  profile: CpuProfile,
  keyOf: (frame: ProfileNode['callFrame']) => { name: string; where: string },
  count: number,
  slice?: ProfileSlice,
): FunctionTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const { selfUs, totalUs } = selfTimes(profile, slice);
  const grouped = new Map<string, FunctionTime>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    const { name, where } = keyOf(frame);
    const key = `${name} ${where}`;
    const entry = grouped.get(key) ?? { name, where, selfMs: 0, selfPct: 0 };
    entry.selfMs += us / 1000;
    entry.selfPct = ((entry.selfMs * 1000) / Math.max(1, totalUs)) * 100;
    grouped.set(key, entry);
  }
  return [...grouped.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, count);
}

/** Sums self time per function (name + file + line) and returns the top `count`. */
export function topFunctions(
  profile: CpuProfile,
  count: number,
  slice?: ProfileSlice,
): FunctionTime[] {
  return summarise(
    profile,
    (frame) => ({
      name: frame.functionName || '(anonymous)',
      where: frame.url === '' ? '' : `${shortUrl(frame.url)}:${frame.lineNumber + 1}`,
    }),
    count,
    slice,
  );
}

/** Where code comes from: an npm package, node internals, native/VM, or the app itself. */
function origin(url: string): string {
  if (url === '') return '(native / VM)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm === -1) return url.includes('/apps/server/') ? '@mcp-sse/server' : shortUrl(url);
  const rest = url.slice(nm + 'node_modules/'.length).split('/');
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

/** Sums self time per package (pino, fastify, zod, node internals...). */
export function topPackages(
  profile: CpuProfile,
  count: number,
  slice?: ProfileSlice,
): FunctionTime[] {
  // V8's pseudo-frames ((idle), (garbage collector), (program)) stay apart from native code.
  const keyOf = (frame: ProfileNode['callFrame']) => ({
    name:
      frame.url === '' && frame.functionName.startsWith('(')
        ? frame.functionName
        : origin(frame.url),
    where: '',
  });
  return summarise(profile, keyOf, count, slice);
}

/** The profile's length in microseconds. */
export function profileLengthUs(profile: CpuProfile): number {
  return profile.endTime - profile.startTime;
}

/** Renders {@link topFunctions} as a Markdown table; with `calls`, also self time per call. */
export function renderTopFunctions(rows: readonly FunctionTime[], calls?: number): string {
  const perCall = calls !== undefined && calls > 0;
  const lines = perCall
    ? ['| self ms | self % | µs/call | function | where |', '| ---: | ---: | ---: | --- | --- |']
    : ['| self ms | self % | function | where |', '| ---: | ---: | --- | --- |'];
  for (const row of rows) {
    const us = perCall ? ` ${((row.selfMs * 1000) / calls).toFixed(1)} |` : '';
    lines.push(
      `| ${row.selfMs.toFixed(0)} | ${row.selfPct.toFixed(1)} |${us} ${row.name} | ${row.where} |`,
    );
  }
  return lines.join('\n');
}

/** Reads a `.cpuprofile` file. */
export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}
