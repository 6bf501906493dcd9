import { type Row, ratio } from './row.js';

function show(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/**
 * The targets at a glance: every row that has one, with ours, the other columns' ratios and
 * whether it is met, so a run can be judged without reading the full tables.
 */
export function renderTargets(rows: readonly Row[]): string {
  const lines = [
    '| scenario | metric | ours | vs SDK | vs raw | target | met |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const row of rows) {
    if (row.target === undefined) continue;
    const versus = (key: string) => {
      const r = row.ratios?.[key] ?? ratio(row.values.ours, row.values[key]);
      return r === undefined ? '—' : `${r.toFixed(2)}x`;
    };
    const met = row.target.met(row.values, row.ratios);
    lines.push(
      `| ${row.group} | ${row.metric} | ${show(row.values.ours, row.digits ?? 0)} | ${versus('sdk')} | ${versus('raw')} | ${row.target.text} | ${met === undefined ? '?' : met ? 'yes' : 'NO'} |`,
    );
  }
  return lines.join('\n');
}
