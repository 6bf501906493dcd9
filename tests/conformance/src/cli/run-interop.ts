// `pnpm --filter @mcp-sse/conformance-tests conformance:interop`: starts the built
// mcp-sse-server (default examples) and runs every interop cell against it, printing a table.
import { type CellResult, runCell } from '../interop/cell.js';
import { readInteropExpectations } from '../interop/expected.js';
import { ALL_CELLS, formatCells } from '../interop/matrix.js';
import { startServer } from '../suite/server-process.js';

const server = await startServer();
const results: CellResult[] = [];
try {
  const origin = new URL(server.mcpUrl).origin;
  for (const cell of ALL_CELLS) results.push(await runCell(cell, origin, 60_000));
  process.stdout.write(`${formatCells(`interop against ${origin}`, results)}\n`);
} finally {
  await server.stop();
}
const { mustPass } = readInteropExpectations();
const regressed = results.filter((result) => !result.ok && mustPass.includes(result.id));
if (regressed.length > 0) {
  process.stdout.write(`REGRESSED: ${regressed.map((result) => result.id).join(', ')}\n`);
}
process.exitCode = regressed.length > 0 ? 1 : 0;
