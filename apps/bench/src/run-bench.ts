import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { raisePriority } from './priority.js';
import { profileServer } from './profile/profile-server.js';
import { renderTopFunctions } from './profile/top-functions.js';
import { renderCurveSvg, renderCurveTable, renderToolsTable } from './report/curve.js';
import { redisRows, resumeRows } from './report/extra-rows.js';
import { FAMILIES } from './report/families.js';
import { type BenchResults, SHAPES } from './report/results.js';
import type { Row } from './report/row.js';
import { clientRows, cpuPerCall, decodeRows, serverRows } from './report/rows.js';
import { type Column, renderTable } from './report/table.js';
import { renderTargets } from './report/targets.js';
import { recordInBenchmarksMd, writeResults } from './report/write.js';
import type { ClientRunOutput } from './runners/client-runner.js';
import { type ClientKind, runClient } from './scenarios/client-compare.js';
import { runCurvePoint } from './scenarios/curve.js';
import { runDecode } from './scenarios/decode.js';
import { runIdle } from './scenarios/idle.js';
import { renderMultiInstance, runMultiInstance } from './scenarios/multi-instance.js';
import type { ScenarioName } from './scenarios/names.js';
import type { BenchProfile } from './scenarios/profile.js';
import { runProgress } from './scenarios/progress.js';
import { runReady } from './scenarios/ready.js';
import { runRedisCost } from './scenarios/redis-cost.js';
import { runResume } from './scenarios/resume.js';
import { runThroughput } from './scenarios/throughput.js';
import { runToolsList } from './scenarios/tools-list.js';
import {
  benchRoot,
  holdsSessions,
  SERVER_TITLES,
  type ServerKind,
  serverCommand,
} from './servers/kinds.js';

/** What to run. */
export interface BenchOptions {
  profile: BenchProfile;
  scenarios: ScenarioName[];
  servers: ServerKind[];
  outDir: string;
  /** BENCHMARKS.md to write the tables into, if any. */
  record?: string | undefined;
  /** Profile this server under 1 x 32 load instead of running the scenarios. */
  profileServer?: ServerKind | undefined;
  /** Nice value to run at (inherited by every child); 0 leaves the priority alone. */
  nice: number;
}

/** A finished run: the results, the rendered tables and the JSON file. */
export interface BenchOutcome {
  results: BenchResults;
  tables: string;
  file: string;
}

/** The soft limit on open files, from /proc; Infinity when unknown. */
function openFileLimit(): number {
  try {
    const line = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line ? Number(line[1]) : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

function errorsText(errors: Record<string, number>): string {
  const entries = Object.entries(errors);
  return entries.length === 0 ? '0' : entries.map(([k, v]) => `${k}=${v}`).join(' ');
}

/** Renders all tables of a run as Markdown. */
export function renderTables(results: BenchResults): string {
  // Scenarios left out of a run (--only) leave rows with no values: not worth a line.
  const measured = (rows: Row[]) =>
    rows.filter((row) => Object.values(row.values).some((v) => v !== undefined));
  const col = (key: string, title?: string): Column => ({
    key,
    title: title ?? (SERVER_TITLES as Record<string, string>)[key] ?? key,
  });
  const sections: Array<[string, Row[], Column[]]> = [
    ...FAMILIES.map((family): [string, Row[], Column[]] => [
      `### ${family.title} (${results.profile} run, median of ${results.reps ?? '?'} repetitions)`,
      measured(serverRows(results, family)),
      family.columns.map((kind) => col(kind)),
    ]),
    [
      '### Clients, HTTP+SSE',
      measured(clientRows(results.clients)),
      [col('ours', '@mcp-sse/client'), col('sdk', 'SDK v1 Client')],
    ],
    [
      '### Clients, Streamable HTTP',
      measured(clientRows(results.clientsStreamable, true)),
      [col('ours', '@mcp-sse/client'), col('sdk', 'SDK v2 Client')],
    ],
    [
      '### Resumability: the event log per call',
      resumeRows(results),
      [col('on', 'resumable (default)'), col('off', 'resumeGraceMs 0')],
    ],
    [
      '### Redis against memory (one instance; N instances estimated from the CPU per call)',
      redisRows(results),
      [col('redis', 'on Redis'), col('memory', 'in memory')],
    ],
    [
      '### SSE decoding',
      decodeRows(results),
      [
        col('protocol', '@mcp-sse/protocol decoder'),
        col('raw', 'eventsource-parser'),
        col('rawJson', 'eventsource-parser + JSON.parse'),
      ],
    ],
  ];
  const m = results.machine;
  const judged = sections.flatMap(([, rows]) => rows).filter((row) => row.target !== undefined);
  const parts: string[] = judged.length > 0 ? ['### Targets', '', renderTargets(judged), ''] : [];
  for (const [title, rows, columns] of sections) {
    if (rows.length > 0) parts.push(title, '', renderTable(rows, columns), '');
  }
  const multi = renderMultiInstance(results.multiInstance ?? []);
  if (multi !== '') parts.push(multi, '');
  const curve = renderCurveTable(results.curve ?? []);
  if (curve !== '') parts.push(curve, '');
  const tools = renderToolsTable(results.toolsList ?? []);
  if (tools !== '') parts.push(tools, '');
  if (curve !== '' || tools !== '') {
    parts.push(
      'The curve drawn: `curve.svg` beside the results (and in apps/bench/ with --record).',
      '',
    );
  }
  parts.push(
    `Machine: ${m.cpus} x ${m.cpuModel}, ${m.memGB} GB, ${m.platform}, Node ${m.node}. ` +
      `Run ${results.startedAt} at nice ${results.nice ?? 0}.`,
  );
  return parts.join('\n');
}

/**
 * Runs the chosen scenarios, repetitions interleaved across servers (so slow drift on a
 * noisy machine hits all of them alike), and renders and writes the results.
 */
export async function runBench(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchOutcome> {
  const { profile } = options;
  const nice = options.nice === 0 ? 0 : raisePriority(options.nice);
  log(`running at nice ${nice}`);
  const results: BenchResults = {
    nice,
    reps: profile.reps,
    profile: profile.name,
    startedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memGB: Math.round(totalmem() / 2 ** 30),
    },
    throughput: { '1x1': {}, '1x32': {}, '50x4': {} },
    ready: {},
    progress: {},
    idle: {},
    clients: { ours: [], sdk: [] },
    decode: [],
    failures: [],
  };
  const servers = options.servers.filter((kind) => {
    if (serverCommand(kind) !== undefined) return true;
    results.failures.push(`${kind} server: not built, skipped`);
    log(`${kind} server is not built: skipped`);
    return false;
  });
  const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      results.failures.push(`${what}: ${(error as Error).message}`);
      log(`${what} FAILED: ${(error as Error).message}`);
      return undefined;
    }
  };
  const push = <T>(
    map: Partial<Record<ServerKind, T[]>>,
    kind: ServerKind,
    value: T | undefined,
  ) => {
    if (value === undefined) return;
    const list = map[kind] ?? [];
    list.push(value);
    map[kind] = list;
  };

  if (options.profileServer !== undefined) {
    const kind = options.profileServer;
    const run = await attempt(`profile ${kind}`, () =>
      profileServer(kind, options.outDir, profile.timing),
    );
    const tables = run
      ? `### ${SERVER_TITLES[kind]} under 1 x 32 echo load: ${fmt(run.load.callsPerSec)} calls/s\n\n` +
        `Profile: ${run.file}\nFlame graph input (folded stacks of the window): ${run.folded}\n\nSelf time in the load window, by package:\n\n` +
        `${renderTopFunctions(run.packages, run.load.calls)}\n\nTop functions:\n\n${renderTopFunctions(run.top, run.load.calls)}`
      : 'profile failed';
    return { results, tables, file: run?.file ?? '' };
  }

  const want = (name: ScenarioName) => options.scenarios.includes(name);
  if (want('decode')) {
    for (let rep = 0; rep < profile.reps; rep += 1) {
      const r = runDecode(profile.decodeMB);
      results.decode.push(r);
      log(
        `decode rep ${rep + 1}: protocol ${fmt(r.protocolDecoderMBps, 1)} MB/s, eventsource-parser ${fmt(r.rawParserMBps, 1)} MB/s, + JSON.parse ${fmt(r.rawJsonMBps, 1)} MB/s`,
      );
    }
  }
  if (want('throughput')) {
    for (let rep = 0; rep < profile.reps; rep += 1) {
      for (const shape of SHAPES) {
        for (const kind of servers) {
          const what = `${shape.name} ${kind} rep ${rep + 1}/${profile.reps}`;
          const r = await attempt(what, () =>
            runThroughput(kind, shape.sessions, shape.inFlight, profile.timing),
          );
          push(results.throughput[shape.name], kind, r);
          if (r) {
            log(
              `${what}: ${fmt(r.callsPerSec)} calls/s p50 ${fmt(r.p50Ms, 2)} p99 ${fmt(r.p99Ms, 2)} ms, server CPU ${fmt(r.serverCpuPct)}% RSS ${fmt(r.serverRssMB)} MB, load gen ${fmt(r.loadGenCpuPct)}%, others ${fmt(r.otherCpuPct)}%, errors ${errorsText(r.errors)}`,
            );
          }
        }
      }
    }
  }
  if (want('ready')) {
    for (let rep = 0; rep < profile.reps; rep += 1) {
      for (const kind of servers) {
        const what = `ready ${kind} rep ${rep + 1}`;
        const r = await attempt(what, () => runReady(kind, profile.readyProbes, profile.timing));
        push(results.ready, kind, r);
        if (r)
          log(
            `${what}: ready ${r.readyMs.map((ms) => fmt(ms)).join(', ')} ms under ${fmt(r.loadCallsPerSec)} calls/s, failed ${r.failed}`,
          );
      }
    }
  }
  if (want('progress')) {
    for (const kind of servers) {
      const r = await attempt(`progress ${kind}`, () =>
        runProgress(kind, profile.sleepMs, profile.timing),
      );
      push(results.progress, kind, r);
      if (r)
        log(
          `progress ${kind}: ${fmt(r.progressPerCall, 2)} events/call over ${r.calls} calls, errors ${errorsText(r.errors)}`,
        );
    }
  }
  if (want('idle')) {
    const limit = openFileLimit();
    for (const count of profile.idleCounts) {
      if (count + 500 > limit) {
        results.failures.push(
          `idle ${count}: open-file limit ${limit} is too low (raise ulimit -n)`,
        );
        log(`idle ${count}: skipped, open-file limit ${limit}`);
        continue;
      }
      const byKind: Partial<Record<ServerKind, NonNullable<Awaited<ReturnType<typeof runIdle>>>>> =
        {};
      for (const kind of servers.filter(holdsSessions)) {
        const r = await attempt(`idle ${count} ${kind}`, () =>
          runIdle(kind, count, profile.idleDeadlineMs),
        );
        if (r) {
          byKind[kind] = r;
          log(
            `idle ${count} ${kind}: opened ${r.opened} in ${fmt(r.openSeconds, 1)} s, ${fmt(r.rssPerSessionKB, 1)} KB/session, marginal ${fmt(r.marginalKB, 1)} KB (RSS ${fmt(r.baseRssMB)} -> ${fmt(r.rssMB)} MB), answered ${r.answered}, errors ${errorsText(r.errors)}`,
          );
        }
      }
      results.idle[String(count)] = byKind;
    }
  }
  if (want('clients')) {
    const target: ServerKind | undefined = servers.includes('ours') ? 'ours' : servers[0];
    if (target !== undefined) {
      results.clients.server = target;
      for (let rep = 0; rep < profile.reps; rep += 1) {
        for (const client of ['ours', 'sdk'] as Array<ClientKind & ('ours' | 'sdk')>) {
          const what = `client ${client} vs ${target} rep ${rep + 1}`;
          const r = await attempt(what, () => runClient(client, target, 32, profile.timing));
          if (r) {
            results.clients[client].push(r);
            log(
              `${what}: ${fmt(r.callsPerSec)} calls/s, ${fmt(r.cpuUsPerCall, 1)} µs CPU/call, errors ${r.errors + r.wrong}`,
            );
          }
        }
      }
    }
  }
  if (want('clients')) {
    const target: ServerKind | undefined = servers.includes('ours-json') ? 'ours-json' : undefined;
    if (target !== undefined) {
      const clients = {
        server: target,
        ours: [] as ClientRunOutput[],
        sdk: [] as ClientRunOutput[],
      };
      results.clientsStreamable = clients;
      for (let rep = 0; rep < profile.reps; rep += 1) {
        for (const [client, key] of [
          ['ours-streamable', 'ours'],
          ['sdk2', 'sdk'],
        ] as const) {
          const what = `client ${client} vs ${target} rep ${rep + 1}`;
          const r = await attempt(what, () => runClient(client, target, 32, profile.timing));
          if (r) {
            clients[key].push(r);
            log(
              `${what}: ${fmt(r.callsPerSec)} calls/s, ${fmt(r.cpuUsPerCall, 1)} µs CPU/call, errors ${r.errors + r.wrong}`,
            );
          }
        }
      }
    }
  }
  if (want('resume') && servers.includes('ours-stream')) {
    for (let rep = 0; rep < profile.reps; rep += 1) {
      const r = await attempt(`resume rep ${rep + 1}`, () => runResume(profile.timing));
      if (r) {
        results.resume = [...(results.resume ?? []), r];
        log(
          `resume rep ${rep + 1}: on ${fmt(r.on.callsPerSec)} calls/s ${fmt(cpuPerCall(r.on))} µs/call, off ${fmt(r.off.callsPerSec)} calls/s ${fmt(cpuPerCall(r.off))} µs/call, errors ${errorsText(r.on.errors)} / ${errorsText(r.off.errors)}`,
        );
      }
    }
  }
  if (want('redis') && servers.includes('ours-json')) {
    for (let rep = 0; rep < profile.reps; rep += 1) {
      const r = await attempt(`redis rep ${rep + 1}`, () => runRedisCost(profile.timing));
      if (r) {
        results.redisCost = [...(results.redisCost ?? []), r];
        log(
          `redis rep ${rep + 1}: memory ${fmt(r.memory.callsPerSec)} calls/s ${fmt(r.memory.serverUsPerCall)} µs/call; redis ${fmt(r.redis.callsPerSec)} calls/s server ${fmt(r.redis.serverUsPerCall)} + redis-server ${fmt(r.redis.redisUsPerCall)} µs/call, errors ${r.errors}`,
        );
      }
    }
  }
  if (want('curve')) {
    const limit = openFileLimit();
    for (const kind of servers.filter((k) => k === 'ours-json' || k === 'sdk2-json')) {
      for (const count of profile.curveSessions) {
        if (count + 500 > limit) {
          results.failures.push(`curve ${kind} ${count}: open-file limit ${limit} is too low`);
          continue;
        }
        const r = await attempt(`curve ${kind} ${count}`, () =>
          runCurvePoint(kind, count, profile.timing),
        );
        if (r) {
          results.curve = [...(results.curve ?? []), r];
          log(
            `curve ${kind} ${count} sessions: ${fmt(r.callsPerSec)} calls/s p99 ${fmt(r.p99Ms, 2)} ms, ${fmt(r.serverCpuUsPerCall)} µs/call, ${fmt(r.kbPerSession, 1)} KB/session, errors ${r.errors}`,
          );
        }
      }
    }
  }
  if (want('tools')) {
    const kinds = servers.filter((k) =>
      ['ours-json', 'sdk2-json', 'fastmcp', 'raw-mcp'].includes(k),
    );
    for (const count of profile.toolCounts) {
      for (const kind of kinds) {
        const r = await attempt(`tools/list ${kind} ${count}`, () =>
          runToolsList(kind, count, profile.timing),
        );
        if (r) {
          results.toolsList = [...(results.toolsList ?? []), r];
          log(
            `tools/list ${kind} ${count} tools: ${fmt(r.callsPerSec)} lists/s p99 ${fmt(r.p99Ms, 2)} ms, ${fmt(r.serverCpuUsPerCall)} µs/list, errors ${r.errors}`,
          );
        }
      }
    }
  }
  if (want('multi') && servers.includes('ours')) {
    for (let rep = 0; rep < profile.reps; rep += 1) {
      const runs = await attempt(`multi rep ${rep + 1}`, () => runMultiInstance(profile.timing));
      for (const r of runs ?? []) {
        results.multiInstance = [...(results.multiInstance ?? []), r];
        log(
          `multi rep ${rep + 1} ${r.setup}: ${fmt(r.callsPerSec)} calls/s p50 ${fmt(r.p50Ms, 2)} p99 ${fmt(r.p99Ms, 2)} ms, servers CPU ${fmt(r.serversCpuPct)}%, redis CPU ${fmt(r.redisCpuPct)}%, errors ${errorsText(r.errors)}`,
        );
      }
    }
  }
  results.finishedAt = new Date().toISOString();
  const tables = renderTables(results);
  const file = writeResults(options.outDir, results, tables);
  if ((results.curve ?? []).length > 0 || (results.toolsList ?? []).length > 0) {
    const svg = renderCurveSvg(results.curve ?? [], results.toolsList ?? []);
    mkdirSync(options.outDir, { recursive: true });
    writeFileSync(join(options.outDir, 'curve.svg'), svg);
    if (options.record !== undefined) writeFileSync(join(benchRoot(), 'curve.svg'), svg);
    log(`curve drawn: ${join(options.outDir, 'curve.svg')}`);
  }
  if (options.record !== undefined) {
    log(
      recordInBenchmarksMd(options.record, tables)
        ? `recorded in ${options.record}`
        : `could not record in ${options.record}`,
    );
  }
  return { results, tables, file };
}
