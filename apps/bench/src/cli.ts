/**
 * `pnpm bench`: mcp-sse's server against the official SDK's and a raw Fastify ceiling, and
 * our client against the SDK's, in one run on one machine. Prints the tables, writes JSON
 * to bench-results/. `--quick` for a fast look, `--smoke` for CI, `--profile ours` for a
 * CPU profile of a server under load, `--record` to put the tables into BENCHMARKS.md.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderCurveSvg } from './report/curve.js';
import type { BenchResults } from './report/results.js';
import { recordInBenchmarksMd } from './report/write.js';
import { type BenchOptions, renderTables, runBench } from './run-bench.js';
import { SCENARIOS, type ScenarioName } from './scenarios/names.js';
import { PROFILES } from './scenarios/profile.js';
import { benchRoot, SERVER_KINDS, type ServerKind } from './servers/kinds.js';

const USAGE = `usage: mcp-sse-bench [--quick | --smoke] [--only ${SCENARIOS.join(',')}]
                     [--servers KIND,...] [--reps N] [--idle 1000,10000]
                     [--curve 1,100,1000,10000]
                     [--out DIR] [--record] [--profile KIND] [--nice -10]
       mcp-sse-bench --render results.json [--record]   (tables of a saved run)
server kinds: ${SERVER_KINDS.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`mcp-sse-bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function list<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  what: string,
): T[] | undefined {
  if (text === undefined) return undefined;
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) fail(`unknown ${what} "${item}"`);
  }
  return items as T[];
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean' },
        smoke: { type: 'boolean' },
        only: { type: 'string' },
        servers: { type: 'string' },
        reps: { type: 'string' },
        idle: { type: 'string' },
        curve: { type: 'string' },
        out: { type: 'string' },
        record: { type: 'boolean' },
        profile: { type: 'string' },
        nice: { type: 'string', default: '-10' },
        render: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

const values = readArgs();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.quick && values.smoke) fail('--quick and --smoke exclude each other');
const profile = { ...PROFILES[values.smoke ? 'smoke' : values.quick ? 'quick' : 'full'] };
if (values.reps !== undefined) {
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1 || reps > 20) fail('--reps must be an integer 1..20');
  profile.reps = reps;
}
if (values.idle !== undefined) {
  const counts = values.idle.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 50_000)) {
    fail('--idle takes session counts 1..50000, comma separated');
  }
  profile.idleCounts = counts;
}
if (values.curve !== undefined) {
  const counts = values.curve.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 50_000)) {
    fail('--curve takes session counts 1..50000, comma separated');
  }
  profile.curveSessions = counts;
}
if (values.profile !== undefined && !(SERVER_KINDS as readonly string[]).includes(values.profile)) {
  fail(`--profile takes one of ${SERVER_KINDS.join(', ')}`);
}

if (values.render !== undefined) {
  let results: BenchResults;
  try {
    results = JSON.parse(readFileSync(values.render, 'utf8')) as BenchResults;
  } catch (error) {
    fail(`cannot read ${values.render}: ${(error as Error).message}`);
  }
  const tables = renderTables(results);
  process.stdout.write(`${tables}\n`);
  if (values.record) {
    recordInBenchmarksMd(join(benchRoot(), '..', '..', 'BENCHMARKS.md'), tables);
    if ((results.curve ?? []).length > 0 || (results.toolsList ?? []).length > 0) {
      writeFileSync(
        join(benchRoot(), 'curve.svg'),
        renderCurveSvg(results.curve ?? [], results.toolsList ?? []),
      );
    }
  }
  process.exit(0);
}

const nice = Number(values.nice);
if (!Number.isInteger(nice) || nice < -20 || nice > 19) fail('--nice must be an integer -20..19');

const options: BenchOptions = {
  nice,
  profile,
  scenarios: list<ScenarioName>(values.only, SCENARIOS, 'scenario') ?? [...SCENARIOS],
  servers: list<ServerKind>(values.servers, SERVER_KINDS, 'server') ?? [...SERVER_KINDS],
  outDir: values.out ?? join(benchRoot(), 'bench-results'),
  record: values.record === true ? join(benchRoot(), '..', '..', 'BENCHMARKS.md') : undefined,
  profileServer: values.profile as ServerKind | undefined,
};

const outcome = await runBench(options, (line) => process.stderr.write(`[bench] ${line}\n`));
process.stdout.write(`${outcome.tables}\n`);
process.stderr.write(`[bench] results: ${outcome.file}\n`);
if (outcome.results.failures.length > 0) {
  process.stderr.write(`[bench] not measured:\n  ${outcome.results.failures.join('\n  ')}\n`);
}
process.exit(0);
