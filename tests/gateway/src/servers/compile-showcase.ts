import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCES = ['showcase.ts', 'stdio-showcase.ts'];
// Inside this package's node_modules, so the compiled child resolves its imports from here.
const OUT = new URL('../../node_modules/.cache/gateway-tests/', import.meta.url);

/** The stdio showcase server as plain JavaScript, for gateways to spawn with `node`. */
export const STDIO_SHOWCASE_JS = fileURLToPath(new URL('stdio-showcase.js', OUT));

/**
 * Vitest global setup: compiles the stdio showcase server once, so each gateway's child
 * starts as a plain `node` program instead of compiling TypeScript on every start (a slow
 * start on a busy machine is what a gateway's own start-up bound would trip on).
 */
export default function setup(): void {
  mkdirSync(OUT, { recursive: true });
  for (const source of SOURCES) {
    const text = readFileSync(new URL(source, import.meta.url), 'utf8');
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(new URL(source.replace(/\.ts$/, '.js'), OUT), outputText);
  }
}
