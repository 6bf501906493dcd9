import type { CurvePoint } from '../scenarios/curve.js';
import type { ToolsListPoint } from '../scenarios/tools-list.js';
import { SERVER_TITLES, type ServerKind } from '../servers/kinds.js';
import { median } from './median.js';

function fmt(value: number, digits = 0): string {
  return Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : '—';
}

/** Points of one server at one x, merged over repetitions (medians). */
function merge<T extends { kind: ServerKind }>(
  points: readonly T[],
  x: (p: T) => number,
  fields: Array<keyof T>,
): Array<{ kind: ServerKind; x: number; values: Record<string, number> }> {
  const groups = new Map<string, T[]>();
  for (const p of points) {
    const key = `${p.kind}|${x(p)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((list) => ({
    kind: list[0]!.kind,
    x: x(list[0]!),
    values: Object.fromEntries(
      fields.map((f) => [f, median(list.map((p) => p[f] as unknown as number))]),
    ),
  }));
}

/** The cost curve as a Markdown table: one line per server and session count. */
export function renderCurveTable(points: readonly CurvePoint[]): string {
  if (points.length === 0) return '';
  const merged = merge(points, (p) => p.sessions, [
    'callsPerSec',
    'p99Ms',
    'serverCpuUsPerCall',
    'kbPerSession',
    'opened',
    'errors',
  ]);
  const lines = [
    '### How cost grows with sessions (32 echo calls in flight, taking every session in turn)',
    '',
    '| server | sessions | opened | calls/s | p99 ms | server CPU µs/call | KB/session | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const p of merged) {
    const v = p.values;
    lines.push(
      `| ${SERVER_TITLES[p.kind]} | ${fmt(p.x)} | ${fmt(v.opened!)} | ${fmt(v.callsPerSec!)} | ${fmt(v.p99Ms!, 2)} | ${fmt(v.serverCpuUsPerCall!)} | ${p.x < 100 ? '—' : fmt(v.kbPerSession!, 1)} | ${fmt(v.errors!)} |`,
    );
  }
  return lines.join('\n');
}

/** tools/list cost as a Markdown table. */
export function renderToolsTable(points: readonly ToolsListPoint[]): string {
  if (points.length === 0) return '';
  const merged = merge(points, (p) => p.tools, [
    'callsPerSec',
    'p99Ms',
    'serverCpuUsPerCall',
    'errors',
  ]);
  const lines = [
    "### tools/list cost by list length (1 x 8 calls in flight; filler tools plus each server's few own)",
    '',
    '| server | tools | lists/s | p99 ms | server CPU µs/list | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const p of merged) {
    const v = p.values;
    lines.push(
      `| ${SERVER_TITLES[p.kind]} | ${fmt(p.x)} | ${fmt(v.callsPerSec!)} | ${fmt(v.p99Ms!, 2)} | ${fmt(v.serverCpuUsPerCall!)} | ${fmt(v.errors!)} |`,
    );
  }
  return lines.join('\n');
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

interface Series {
  name: string;
  points: Array<[number, number]>;
}

/** One panel: log-x line chart of several series, axes with a few labelled ticks. */
function panel(
  title: string,
  series: readonly Series[],
  x0: number,
  y0: number,
  logY: boolean,
): string {
  const w = 300;
  const h = 180;
  const all = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && Number.isFinite(y));
  if (all.length === 0) return '';
  const xs = all.map(([x]) => Math.log10(x));
  const ys = all.map(([, y]) => (logY ? Math.log10(Math.max(y, 1e-3)) : y));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  const yMin = logY ? Math.floor(Math.min(...ys)) : 0;
  const yMax = logY ? Math.ceil(Math.max(...ys) + 0.01) : Math.max(...ys) * 1.1 || 1;
  const px = (x: number) => x0 + ((Math.log10(x) - xMin) / (xMax - xMin)) * w;
  const py = (y: number) =>
    y0 + h - (((logY ? Math.log10(Math.max(y, 1e-3)) : y) - yMin) / (yMax - yMin)) * h;
  const parts = [
    `<text x="${x0}" y="${y0 - 8}" font-size="13" font-weight="bold">${title}</text>`,
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
  ];
  for (let e = Math.ceil(xMin); e <= Math.floor(xMax); e += 1) {
    const x = x0 + ((e - xMin) / (xMax - xMin)) * w;
    parts.push(
      `<line x1="${x}" y1="${y0 + h}" x2="${x}" y2="${y0 + h + 4}" stroke="#999"/>`,
      `<text x="${x}" y="${y0 + h + 16}" font-size="10" text-anchor="middle">${fmt(10 ** e)}</text>`,
    );
  }
  const yTicks = logY
    ? Array.from({ length: yMax - yMin + 1 }, (_, i) => 10 ** (yMin + i))
    : [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  for (const t of yTicks) {
    const y = py(t);
    parts.push(
      `<line x1="${x0 - 4}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#eee"/>`,
      `<text x="${x0 - 6}" y="${y + 3}" font-size="10" text-anchor="end">${fmt(t, t < 1 && t > 0 ? 2 : 0)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const pts = s.points
      .filter(([x, y]) => x > 0 && Number.isFinite(y))
      .sort((a, b) => a[0] - b[0]);
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`,
      ...pts.map(
        ([x, y]) =>
          `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${color}"/>`,
      ),
    );
  });
  return parts.join('\n');
}

/**
 * The cost curve drawn as a small SVG (hand-written, no chart library): calls/s, p99 and
 * server CPU per call against sessions, and server CPU per list against list length.
 */
export function renderCurveSvg(
  curve: readonly CurvePoint[],
  tools: readonly ToolsListPoint[],
): string {
  const bySeries = <T extends { kind: ServerKind }>(
    points: readonly T[],
    x: (p: T) => number,
    y: (p: T) => number,
  ): Series[] => {
    const kinds = [...new Set(points.map((p) => p.kind))];
    return kinds.map((kind) => {
      const mine = points.filter((p) => p.kind === kind);
      const xsSeen = [...new Set(mine.map(x))];
      return {
        name: SERVER_TITLES[kind],
        points: xsSeen.map((xv) => [xv, median(mine.filter((p) => x(p) === xv).map(y))]) as Array<
          [number, number]
        >,
      };
    });
  };
  const names = [...new Set([...curve, ...tools].map((p) => SERVER_TITLES[p.kind]))];
  const legend = names
    .map(
      (name, i) =>
        `<rect x="${60 + i * 170}" y="18" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${76 + i * 170}" y="28" font-size="12">${name}</text>`,
    )
    .join('\n');
  // Colours follow the legend order, whatever panel a server appears in.
  const ordered = (series: Series[]) =>
    names.map((n) => series.find((s) => s.name === n) ?? { name: n, points: [] });
  const panels = [
    panel(
      'calls/s by sessions',
      ordered(
        bySeries(
          curve,
          (p) => p.sessions,
          (p) => p.callsPerSec,
        ),
      ),
      60,
      70,
      false,
    ),
    panel(
      'p99 ms by sessions',
      ordered(
        bySeries(
          curve,
          (p) => p.sessions,
          (p) => p.p99Ms,
        ),
      ),
      430,
      70,
      true,
    ),
    panel(
      'server CPU µs/call by sessions',
      ordered(
        bySeries(
          curve,
          (p) => p.sessions,
          (p) => p.serverCpuUsPerCall,
        ),
      ),
      60,
      320,
      true,
    ),
    panel(
      'server CPU µs per tools/list by tools',
      ordered(
        bySeries(
          tools,
          (p) => p.tools,
          (p) => p.serverCpuUsPerCall,
        ),
      ),
      430,
      320,
      true,
    ),
  ];
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="780" height="560" font-family="sans-serif" role="img">',
    '<title>pnpm bench: how cost grows with sessions and with tools/list length</title>',
    '<rect width="100%" height="100%" fill="white"/>',
    legend,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
