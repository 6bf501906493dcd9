import { SERVER_TITLES } from '../servers/kinds.js';
import { type Row, ratio } from './row.js';

function show(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

const titleOf = (key: string) => (SERVER_TITLES as Record<string, string>)[key] ?? key;

/**
 * The targets at a glance: every row that has one, with ours, the anchor (the figure the
 * target is set against), the ratios to the anchor and to the ceiling, and whether it is
 * met, so a run can be judged without reading the full tables.
 */
export function renderTargets(rows: readonly Row[]): string {
  const lines = [
    '| section | scenario | metric | ours | anchor | anchor value | ours/anchor | ours/ceiling | target | met |',
    '| --- | --- | --- | ---: | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const row of rows) {
    if (row.target === undefined) continue;
    const judge = row.judge ?? { section: '', first: 'ours', anchor: 'sdk', ceiling: 'raw' };
    const digits = row.digits ?? 0;
    const versus = (key: string | undefined) => {
      if (key === undefined) return '—';
      const r = row.ratios?.[key] ?? ratio(row.values[judge.first], row.values[key]);
      return r === undefined ? '—' : `${r.toFixed(2)}x`;
    };
    const met = row.target.met(row.values, row.ratios);
    lines.push(
      `| ${judge.section} | ${row.group} | ${row.metric} | ${show(row.values[judge.first], digits)} | ${titleOf(judge.anchor)} | ${show(row.values[judge.anchor], digits)} | ${versus(judge.anchor)} | ${versus(judge.ceiling)} | ${row.target.text} | ${met === undefined ? '?' : met ? 'yes' : 'NO'} |`,
    );
  }
  return lines.join('\n');
}
