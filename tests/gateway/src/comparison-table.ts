/** One column of the comparison: a bridge over one transport, and what got through. */
export interface Column {
  title: string;
  cells: Record<string, boolean | undefined>;
}

/** The comparison as a Markdown table: a row per feature, a column per bridge. */
export function comparisonTable(rows: readonly string[], columns: readonly Column[]): string {
  const header = `| | ${columns.map((column) => column.title).join(' | ')} |`;
  const rule = `| --- | ${columns.map(() => ':---:').join(' | ')} |`;
  const lines = rows.map((row) => {
    const cells = columns.map((column) => {
      const value = column.cells[row];
      return value === undefined ? 'n/a' : value ? 'yes' : '**lost**';
    });
    return `| ${row} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...lines].join('\n');
}
