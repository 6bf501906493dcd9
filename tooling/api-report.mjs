#!/usr/bin/env node
// API report: lists what each publishable package exports, with its declaration, from the
// built dist/*.d.ts, into api/<package>.api.md. Kept in the repository so that a change of
// the public surface shows up in review. `--check` fails (exit 1) when a report is stale.
// Usage: node tooling/api-report.mjs [--check]   (build the packages first)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The publishable packages and the entry points their `exports` declare. */
const packages = [
  { name: '@mcp-sse/protocol', dir: 'packages/protocol' },
  { name: '@mcp-sse/client', dir: 'packages/client' },
  { name: '@mcp-sse/server', dir: 'apps/server' },
];

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The ESM declaration file of each subpath export that has types. */
function entryPoints(dir) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const types = typeof target === 'object' ? target.import?.types : undefined;
    if (types) entries.push({ subpath, file: join(root, dir, types) });
  }
  return entries;
}

// One declaration as source text, comments removed, so that docs edits do not show.
function declarationText(declaration) {
  const source = declaration.getSourceFile();
  let node = declaration;
  // A variable's text lives on its statement (`export declare const x: T;`).
  if (ts.isVariableDeclaration(node)) node = node.parent.parent;
  return printer.printNode(ts.EmitHint.Unspecified, node, source).trim();
}

function reportEntry(program, checker, file, packageDir) {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} is missing: build the package first`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const lines = [];
  const exports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
  for (const exported of [...exports].sort((a, b) => a.name.localeCompare(b.name))) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    const home = declarations[0]?.getSourceFile().fileName ?? '';
    if (!home.startsWith(join(root, packageDir))) {
      // Re-exported from another package: name where it comes from, not its whole text.
      const from = home.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? relative(root, home);
      lines.push(`export { ${exported.name} } from '${from}';`);
      continue;
    }
    const renamed = symbol.name !== exported.name ? ` // exported as ${exported.name}` : '';
    for (const declaration of declarations) lines.push(declarationText(declaration) + renamed);
  }
  return { count: exports.length, text: lines.join('\n\n') };
}

/** The report of one package, as Markdown. */
export function buildReport({ name, dir }) {
  const entries = entryPoints(dir);
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      noEmit: true,
    },
  );
  const checker = program.getTypeChecker();
  const sections = entries.map(({ subpath, file }) => {
    const { count, text } = reportEntry(program, checker, file, dir);
    const title = subpath === '.' ? name : `${name}/${subpath.replace(/^\.\//, '')}`;
    return `## ${title} (${count} exports)\n\n\`\`\`ts\n${text}\n\`\`\`\n`;
  });
  return [
    `# API report: ${name}`,
    '',
    'Generated from the built `.d.ts` files by `pnpm api:update`; do not edit by hand. A change',
    'here is a change of the published API: review it as such (and add a changeset).',
    '',
    ...sections,
  ].join('\n');
}

const reportPath = (name) => join(root, 'api', `${name.replace(/^@mcp-sse\//, '')}.api.md`);

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const pkg of packages) {
    const path = reportPath(pkg.name);
    const report = buildReport(pkg);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === report) continue;
    if (check) {
      stale.push(relative(root, path));
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, report);
    console.log(`api report: wrote ${relative(root, path)}`);
  }
  if (stale.length > 0) {
    console.error(
      `API report out of date: ${stale.join(', ')}.\n` +
        'The public API changed. Run `pnpm api:update` (after `pnpm build`), review the diff ' +
        'and commit it with a changeset.',
    );
    process.exit(1);
  }
  if (check) console.log('api report: up to date');
}

main();
