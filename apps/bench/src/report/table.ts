import { type Row, ratio } from './row.js';

/** A column: the key in `Row.values` and its title. */
export interface Column {
  key: string;
  title: string;
}

function format(value: number | undefined, digits: number): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/**
 * Renders rows as a Markdown table (readable in a terminal as is): one column per value,
 * then the ratios of the first column to each of the others, the target and whether it is
 * met.
 */
export function renderTable(rows: readonly Row[], columns: readonly Column[]): string {
  const [first, ...others] = columns;
  const header = [
    'scenario',
    'metric',
    ...columns.map((c) => c.title),
    ...others.map((c) => `${first!.title}/${c.title}`),
    'target',
    'met',
  ];
  const lines = [header, header.map(() => '---')];
  for (const row of rows) {
    const digits = row.digits ?? 0;
    const met = row.target?.met(row.values, row.ratios);
    lines.push([
      row.group,
      row.metric,
      ...columns.map((c) => format(row.values[c.key], digits)),
      ...others.map((c) => {
        const r = row.ratios?.[c.key] ?? ratio(row.values[first!.key], row.values[c.key]);
        return r === undefined ? '—' : `${format(r, 2)}x`;
      }),
      row.target?.text ?? '',
      row.target === undefined ? '' : met === undefined ? '?' : met ? 'yes' : 'NO',
    ]);
  }
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
