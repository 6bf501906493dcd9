import type { CpuProfile, ProfileSlice } from './top-functions.js';

function frameName(frame: { functionName: string; url: string; lineNumber: number }): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  const file = frame.url.split('/').slice(-2).join('/');
  // `;` separates frames in the folded format, so it must not appear inside one.
  return `${name} ${file}:${frame.lineNumber + 1}`.replaceAll(';', ',');
}

/**
 * Folded stacks (`root;caller;callee microseconds` per line) from a `.cpuprofile`: the
 * input of flame graph tools (speedscope, flamegraph.pl, inferno). `(idle)` is left out so
 * the graph shows where the busy time went.
 */
export function foldedStacks(profile: CpuProfile, slice?: ProfileSlice): string {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const stacks = new Map<number, string>();
  const stackOf = (id: number): string => {
    const known = stacks.get(id);
    if (known !== undefined) return known;
    const names: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame !== undefined && frame.functionName !== '(root)') names.push(frameName(frame));
    }
    const stack = names.reverse().join(';');
    stacks.set(id, stack);
    return stack;
  };
  const totals = new Map<string, number>();
  const { samples = [], timeDeltas = [] } = profile;
  let at = 0;
  for (let i = 0; i < samples.length; i += 1) {
    at += timeDeltas[i] ?? 0;
    if (slice !== undefined && (at < slice.fromUs || at > slice.toUs)) continue;
    const stack = stackOf(samples[i]!);
    if (stack === '' || stack === '(idle)') continue;
    totals.set(stack, (totals.get(stack) ?? 0) + (timeDeltas[i + 1] ?? 0));
  }
  return [...totals].map(([stack, us]) => `${stack} ${us}`).join('\n');
}
