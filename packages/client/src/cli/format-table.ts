/**
 * A plain text table: a header row and aligned columns, the last column left unpadded.
 * `clean` is applied to every cell first (terminal-safe text on a TTY); `empty` is printed
 * when there are no rows.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  empty: string,
  clean: (text: string) => string = (text) => text,
): string {
  if (rows.length === 0) return `${empty}\n`;
  const cells = rows.map((row) => row.map((cell) => clean(firstLine(cell))));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
