import { totalErrors } from '../load/error-counts.js';
import { SERVER_KINDS, type ServerKind } from '../servers/kinds.js';
import { median } from './median.js';
import type { BenchResults, PerServer, ShapeName } from './results.js';
import { allTargets, type Ratios, type Row, ratioTarget, valueTarget } from './row.js';

function per<T>(runs: PerServer<T>, pick: (run: T) => number): Record<string, number | undefined> {
  const values: Record<string, number | undefined> = {};
  for (const kind of SERVER_KINDS) {
    const list = runs[kind];
    values[kind] = list === undefined || list.length === 0 ? undefined : median(list.map(pick));
  }
  return values;
}

/**
 * Median over repetitions of ours/other, pairing the i-th run of each server: the runs of
 * one repetition were made back to back, so they share the machine's mood of the moment.
 */
function paired<T>(runs: PerServer<T>, pick: (run: T) => number): Ratios {
  const ratios: Ratios = {};
  const ours = runs.ours ?? [];
  for (const kind of SERVER_KINDS) {
    const other = runs[kind] ?? [];
    const n = Math.min(ours.length, other.length);
    if (kind === 'ours' || n === 0) continue;
    const each: number[] = [];
    for (let i = 0; i < n; i += 1) each.push(pick(ours[i]!) / pick(other[i]!));
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
): Row {
  return { group, metric: name, values: per(runs, pick), ratios: paired(runs, pick), ...extra };
}

const throughputTarget = allTargets(
  'ours/SDK >= 3, ours/raw >= 0.75',
  ratioTarget('ours', 'sdk', '>=', 3, ''),
  ratioTarget('ours', 'raw', '>=', 0.75, ''),
);

/** The server table: every scenario per server, medians over repetitions. */
export function serverRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const shape of Object.keys(results.throughput) as ShapeName[]) {
    const runs = results.throughput[shape];
    const p99Target = ratioTarget('ours', 'sdk', '<=', 0.5, 'ours/SDK <= 0.5');
    rows.push(
      metric(shape, 'calls/s', runs, (r) => r.callsPerSec, {
        ...(shape === '1x1' ? {} : { target: throughputTarget }),
      }),
      metric(shape, 'p50 ms', runs, (r) => r.p50Ms, { digits: 2 }),
      metric(shape, 'p99 ms', runs, (r) => r.p99Ms, {
        digits: 2,
        ...(shape === '1x1' ? { target: p99Target } : {}),
      }),
      metric(shape, 'server CPU %', runs, (r) => r.serverCpuPct),
      // CPU time per call barely depends on how the scheduler shares the cores, so on a
      // noisy machine it is the steadiest comparison of the servers' own work.
      metric(
        shape,
        'server CPU µs/call',
        runs,
        (r) => (r.serverCpuPct / 100) * (1e6 / r.callsPerSec),
      ),
      metric(shape, 'server RSS MB', runs, (r) => r.serverRssMB),
      metric(shape, 'load gen CPU %', runs, (r) => r.loadGenCpuPct),
      metric(shape, 'other processes CPU %', runs, (r) => r.otherCpuPct),
      { group: shape, metric: 'errors', values: per(runs, (r) => totalErrors(r.errors)) },
    );
  }
  for (const [count, byKind] of Object.entries(results.idle)) {
    const runs: PerServer<(typeof byKind)[ServerKind] & object> = {};
    for (const kind of SERVER_KINDS) if (byKind[kind]) runs[kind] = [byKind[kind]!];
    const group = `idle ${Number(count).toLocaleString('en-US')}`;
    rows.push(
      {
        group,
        metric: 'RSS KB/session',
        values: per(runs, (r) => r.rssPerSessionKB),
        digits: 1,
        target: ratioTarget('ours', 'sdk', '<=', 1 / 3, 'ours/SDK <= 0.33'),
      },
      {
        group,
        metric: 'marginal KB/session',
        values: per(runs, (r) => r.marginalKB),
        digits: 1,
      },
      { group, metric: 'sessions opened', values: per(runs, (r) => r.opened) },
      {
        group,
        metric: 'answered ping',
        values: per(runs, (r) => r.answered),
        target: valueTarget('ours', '>=', Number(count), `ours = ${count}`),
      },
      { group, metric: 'open time s', values: per(runs, (r) => r.openSeconds), digits: 1 },
    );
  }
  rows.push(
    metric('new session, saturated', 'ready ms (median)', results.ready, (r) => r.medianMs, {
      digits: 1,
    }),
    metric('new session, saturated', 'ready ms (max)', results.ready, (r) => r.maxMs, {
      digits: 1,
      target: valueTarget('ours', '<=', 1_000, 'ours <= 1000'),
    }),
    {
      group: 'new session, saturated',
      metric: 'probes failed',
      values: per(results.ready, (r) => r.failed),
    },
  );
  const sleepMs = Object.values(results.progress)[0]?.[0]?.sleepMs;
  const group = sleepMs === undefined ? 'sleep' : `sleep ${sleepMs} ms`;
  rows.push(
    {
      group,
      metric: 'progress events/call',
      values: per(results.progress, (r) => r.progressPerCall),
      digits: 2,
    },
    { group, metric: 'calls ok', values: per(results.progress, (r) => r.calls) },
    { group, metric: 'errors', values: per(results.progress, (r) => totalErrors(r.errors)) },
  );
  return rows;
}

/** The client table: our client and the SDK client against the same server. */
export function clientRows(results: BenchResults): Row[] {
  const runs = { ours: results.clients.ours, sdk: results.clients.sdk } as PerServer<
    (typeof results.clients.ours)[number]
  >;
  const group = `1x32 vs ${results.clients.server ?? '?'} server`;
  return [
    metric(group, 'calls/s', runs, (r) => r.callsPerSec, {
      target: ratioTarget('ours', 'sdk', '>=', 1, 'ours/SDK >= 1'),
    }),
    metric(group, 'client CPU µs/call', runs, (r) => r.cpuUsPerCall, {
      digits: 1,
      target: ratioTarget('ours', 'sdk', '<', 1, 'ours/SDK < 1'),
    }),
    metric(group, 'client CPU %', runs, (r) => r.cpuPct),
    { group, metric: 'errors', values: per(runs, (r) => r.errors + r.wrong) },
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
