import { totalErrors } from '../load/error-counts.js';
import { SERVER_KINDS, SERVER_TITLES, type ServerKind } from '../servers/kinds.js';
import { FAMILIES, type Family } from './families.js';
import { median } from './median.js';
import type { BenchResults, PerServer, ShapeName } from './results.js';
import {
  allTargets,
  anyTarget,
  type Ratios,
  type Row,
  ratioTarget,
  type Target,
  valueTarget,
} from './row.js';

function per<T>(
  runs: PerServer<T>,
  pick: (run: T) => number,
  kinds: readonly string[] = SERVER_KINDS,
): Record<string, number | undefined> {
  const values: Record<string, number | undefined> = {};
  for (const kind of kinds) {
    const list = runs[kind as ServerKind];
    values[kind] = list === undefined || list.length === 0 ? undefined : median(list.map(pick));
  }
  return values;
}

/**
 * Median over repetitions of first/other, pairing the i-th run of each server: the runs of
 * one repetition were made back to back, so they share the machine's mood of the moment.
 */
function paired<T>(
  runs: PerServer<T>,
  pick: (run: T) => number,
  kinds: readonly string[] = SERVER_KINDS,
  first = 'ours',
): Ratios {
  const ratios: Ratios = {};
  const ours = runs[first as ServerKind] ?? [];
  for (const kind of kinds) {
    const other = runs[kind as ServerKind] ?? [];
    const n = Math.min(ours.length, other.length);
    if (kind === first || n === 0) continue;
    const each: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const [a, b] = [pick(ours[i]!), pick(other[i]!)];
      // A server that completed no call has no figure to compare with.
      if (Number.isFinite(a) && Number.isFinite(b) && b !== 0) each.push(a / b);
    }
    const r = median(each);
    ratios[kind] = Number.isFinite(r) ? r : undefined;
  }
  return ratios;
}

/** A row of per-server medians with paired ratios. */
function metric<T>(
  group: string,
  name: string,
  runs: PerServer<T>,
  pick: (run: T) => number,
  extra: Partial<Row> = {},
  kinds: readonly string[] = SERVER_KINDS,
): Row {
  const first = kinds[0] ?? 'ours';
  return {
    group,
    metric: name,
    values: per(runs, pick, kinds),
    ratios: paired(runs, pick, kinds, first),
    ...extra,
  };
}

/** Server CPU time per call in µs: steady on a busy machine, the figure that decides. */
export function cpuPerCall(run: { serverCpuPct: number; callsPerSec: number }): number {
  return (run.serverCpuPct / 100) * (1e6 / run.callsPerSec);
}

/** The targets of one family's rows, by row (undefined: no target). */
function targetsOf(family: Family) {
  const { columns, anchor, ceiling } = family;
  const ours = columns[0]!;
  const a = SERVER_TITLES[anchor];
  const fast = columns.includes('fastmcp') ? 'fastmcp' : undefined;
  // "Ahead of FastMCP on every figure": more calls/s, less of everything else.
  const withFast = (text: string, base: Target, op: '>=' | '<') =>
    fast === undefined
      ? base
      : allTargets(`${text}, ahead of FastMCP`, base, ratioTarget(ours, fast, op, 1, ''));
  if (family.targets === 'http+sse') {
    return {
      calls: allTargets(
        `ours/${a} >= 3, ours/raw >= 0.75`,
        ratioTarget(ours, anchor, '>=', 3, ''),
        ratioTarget(ours, ceiling, '>=', 0.75, ''),
      ),
      cpu: undefined,
      p99: ratioTarget(ours, anchor, '<=', 0.5, `ours/${a} <= 0.5`),
      idle: ratioTarget(ours, anchor, '<=', 1 / 3, `ours/${a} <= 0.33`),
    };
  }
  if (family.targets === 'sessions') {
    return {
      calls: withFast(
        `ours/${a} >= 3 or ours/raw >= 0.9`,
        anyTarget(
          '',
          ratioTarget(ours, anchor, '>=', 3, ''),
          ratioTarget(ours, ceiling, '>=', 0.9, ''),
        ),
        '>=',
      ),
      cpu: withFast(
        `ours/${a} <= 0.33, ours/raw <= 1.5`,
        allTargets(
          '',
          ratioTarget(ours, anchor, '<=', 1 / 3, ''),
          ratioTarget(ours, ceiling, '<=', 1.5, ''),
        ),
        '<',
      ),
      p99: withFast(`ours/${a} <= 0.5`, ratioTarget(ours, anchor, '<=', 0.5, ''), '<'),
      idle: withFast(`ours/${a} <= 0.33`, ratioTarget(ours, anchor, '<=', 1 / 3, ''), '<'),
    };
  }
  return {
    calls: undefined,
    cpu: allTargets(
      `ours/${a} <= 0.1, ours/raw <= 1.5`,
      ratioTarget(ours, anchor, '<=', 0.1, ''),
      ratioTarget(ours, ceiling, '<=', 1.5, ''),
    ),
    p99: ratioTarget(ours, anchor, '<=', 0.5, `ours/${a} <= 0.5`),
    idle: undefined,
  };
}

/** One family's table: every scenario per server, medians over repetitions. */
export function serverRows(results: BenchResults, family: Family = FAMILIES[0]!): Row[] {
  const kinds = family.columns;
  const judge = {
    section: family.short,
    first: kinds[0]!,
    anchor: family.anchor,
    ceiling: family.ceiling,
  };
  const targets = targetsOf(family);
  const rows: Row[] = [];
  const m = <T>(
    group: string,
    name: string,
    runs: PerServer<T>,
    pick: (run: T) => number,
    extra: Partial<Row> = {},
  ) => metric(group, name, runs, pick, extra.target ? { judge, ...extra } : extra, kinds);
  for (const shape of Object.keys(results.throughput) as ShapeName[]) {
    const runs = results.throughput[shape];
    const loaded = shape !== '1x1';
    rows.push(
      m(shape, 'calls/s', runs, (r) => r.callsPerSec, {
        ...(loaded && targets.calls ? { target: targets.calls } : {}),
      }),
      m(shape, 'p50 ms', runs, (r) => r.p50Ms, { digits: 2 }),
      m(shape, 'p99 ms', runs, (r) => r.p99Ms, {
        digits: 2,
        ...(shape === '1x1' ? { target: targets.p99 } : {}),
      }),
      m(shape, 'server CPU %', runs, (r) => r.serverCpuPct),
      // CPU time per call barely depends on how the scheduler shares the cores, so on a
      // noisy machine it is the steadiest comparison of the servers' own work.
      m(shape, 'server CPU µs/call', runs, cpuPerCall, {
        ...(loaded && targets.cpu ? { target: targets.cpu } : {}),
      }),
      m(shape, 'server RSS MB', runs, (r) => r.serverRssMB),
      m(shape, 'load gen CPU %', runs, (r) => r.loadGenCpuPct),
      m(shape, 'other processes CPU %', runs, (r) => r.otherCpuPct),
      {
        group: shape,
        metric: 'answers as SSE %',
        values: per(
          runs,
          (r) =>
            r.answers === undefined
              ? Number.NaN
              : (100 * r.answers.sse) / Math.max(1, r.answers.sse + r.answers.json),
          kinds,
        ),
      },
      { group: shape, metric: 'errors', values: per(runs, (r) => totalErrors(r.errors), kinds) },
    );
  }
  for (const [count, byKind] of Object.entries(results.idle)) {
    const runs: PerServer<(typeof byKind)[ServerKind] & object> = {};
    for (const kind of kinds) if (byKind[kind]) runs[kind] = [byKind[kind]!];
    const group = `idle ${Number(count).toLocaleString('en-US')}`;
    rows.push(
      {
        group,
        metric: 'RSS KB/session',
        values: per(runs, (r) => r.rssPerSessionKB, kinds),
        digits: 1,
        ...(targets.idle ? { target: targets.idle, judge } : {}),
      },
      {
        group,
        metric: 'marginal KB/session',
        values: per(runs, (r) => r.marginalKB, kinds),
        digits: 1,
      },
      { group, metric: 'sessions opened', values: per(runs, (r) => r.opened, kinds) },
      {
        group,
        metric: 'answered ping',
        values: per(runs, (r) => r.answered, kinds),
        ...(family.targets === 'stateless'
          ? {}
          : {
              target: valueTarget(kinds[0]!, '>=', Number(count), `ours = ${count}`),
              judge,
            }),
      },
      { group, metric: 'open time s', values: per(runs, (r) => r.openSeconds, kinds), digits: 1 },
    );
  }
  const ready = family.targets === 'stateless' ? 'first call, saturated' : 'new session, saturated';
  rows.push(
    m(ready, 'ready ms (median)', results.ready, (r) => r.medianMs, { digits: 1 }),
    m(ready, 'ready ms (max)', results.ready, (r) => r.maxMs, {
      digits: 1,
      target: valueTarget(kinds[0]!, '<=', 1_000, 'ours <= 1000'),
    }),
    { group: ready, metric: 'probes failed', values: per(results.ready, (r) => r.failed, kinds) },
  );
  const sleepMs = Object.values(results.progress)[0]?.[0]?.sleepMs;
  const group = sleepMs === undefined ? 'sleep' : `sleep ${sleepMs} ms`;
  rows.push(
    {
      group,
      metric: 'progress events/call',
      values: per(results.progress, (r) => r.progressPerCall, kinds),
      digits: 2,
    },
    { group, metric: 'calls ok', values: per(results.progress, (r) => r.calls, kinds) },
    {
      group,
      metric: 'errors',
      values: per(results.progress, (r) => totalErrors(r.errors), kinds),
    },
  );
  return rows;
}

/** A client table: our client and the SDK client against the same server. */
export function clientRows(
  clients: BenchResults['clients'] | undefined,
  streamable = false,
): Row[] {
  if (clients === undefined) return [];
  const runs = { ours: clients.ours, sdk: clients.sdk } as PerServer<(typeof clients.ours)[number]>;
  const kinds = ['ours', 'sdk'];
  const group = `1x32 vs ${clients.server ?? '?'} server`;
  const section = streamable ? 'client, Streamable HTTP' : 'client, HTTP+SSE';
  const judge = { section, first: 'ours', anchor: 'sdk' };
  const [callsBound, cpuBound] = streamable ? [1.5, 2 / 3] : [1, 1];
  return [
    metric(
      group,
      'calls/s',
      runs,
      (r) => r.callsPerSec,
      {
        target: ratioTarget('ours', 'sdk', '>=', callsBound, `ours/SDK >= ${callsBound}`),
        judge,
      },
      kinds,
    ),
    metric(
      group,
      'client CPU µs/call',
      runs,
      (r) => r.cpuUsPerCall,
      {
        digits: 1,
        target: streamable
          ? ratioTarget('ours', 'sdk', '<=', cpuBound, 'ours/SDK <= 0.67')
          : ratioTarget('ours', 'sdk', '<', 1, 'ours/SDK < 1'),
        judge,
      },
      kinds,
    ),
    metric(group, 'client CPU %', runs, (r) => r.cpuPct, {}, kinds),
    { group, metric: 'errors', values: per(runs, (r) => r.errors + r.wrong, kinds) },
  ];
}

/** The decoding table: MB/s of our decoder and of raw eventsource-parser. */
export function decodeRows(results: BenchResults): Row[] {
  const runs = results.decode;
  if (runs.length === 0) return [];
  return [
    {
      group: `SSE decode ${runs[0]!.corpusMB.toFixed(1)} MB`,
      metric: 'MB/s',
      values: {
        protocol: median(runs.map((r) => r.protocolDecoderMBps)),
        raw: median(runs.map((r) => r.rawParserMBps)),
        rawJson: median(runs.map((r) => r.rawJsonMBps)),
      },
      digits: 1,
    },
  ];
}
