import type { LoopTiming, MakeCall } from '../load/closed-loop.js';
import { cpuPerCall } from '../report/rows.js';
import type { ServerKind } from '../servers/kinds.js';
import { runThroughput } from './throughput.js';

/** The cost of one `tools/list` of `tools` filler tools (plus each server's few own tools). */
export interface ToolsListPoint {
  kind: ServerKind;
  tools: number;
  callsPerSec: number;
  p99Ms: number;
  serverCpuUsPerCall: number;
  errors: number;
}

/** A `tools/list` call whose answer must hold at least `tools` tools. */
function listCall(tools: number): MakeCall {
  const complete = (result: unknown) => {
    const list = (result as { tools?: unknown[] } | undefined)?.tools;
    return Array.isArray(list) && list.length >= tools;
  };
  return (session) => session.call('tools/list', {}, complete);
}

/** 1 x 8 closed-loop `tools/list` calls on a fresh server serving `tools` filler tools. */
export async function runToolsList(
  kind: ServerKind,
  tools: number,
  timing: LoopTiming,
): Promise<ToolsListPoint> {
  const r = await runThroughput(kind, 1, 8, timing, {
    launch: { tweaks: { tools } },
    makeCall: listCall(tools),
  });
  return {
    kind,
    tools,
    callsPerSec: r.callsPerSec,
    p99Ms: r.p99Ms,
    serverCpuUsPerCall: cpuPerCall(r),
    errors: Object.values(r.errors).reduce((a, b) => a + b, 0),
  };
}
