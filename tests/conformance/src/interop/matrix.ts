import type { CellResult, InteropCell } from './cell.js';
import { INSPECTOR_CELLS } from './inspector-cells.js';
import { OUR_CLIENT_CELLS } from './our-client-cells.js';
import { SDK1_CELLS } from './sdk1-cells.js';
import { SDK2_CELLS } from './sdk2-cells.js';

/** Issue 12's interop cells: other people's clients against our /mcp and /sse. */
export const CLIENT_CELLS: InteropCell[] = [...SDK1_CELLS, ...SDK2_CELLS, ...INSPECTOR_CELLS];

/** Every cell: issue 12's (clients against our server), then issue 14's (our client against servers). */
export const ALL_CELLS: InteropCell[] = [...CLIENT_CELLS, ...OUR_CLIENT_CELLS];

/** A table of cells, ok or failing with the first line of the error. */
export function formatCells(title: string, results: readonly CellResult[]): string {
  const width = Math.max(...results.map((result) => result.id.length));
  const lines = [title];
  for (const result of results) {
    const detail = result.ok ? '' : `  ${(result.error ?? '').slice(0, 120)}`;
    lines.push(`  ${result.id.padEnd(width)}  ${result.ok ? 'PASS' : 'fail'}${detail}`);
  }
  const passed = results.filter((result) => result.ok).length;
  lines.push(`  ${passed} of ${results.length} cells pass`);
  return lines.join('\n');
}
