// Copies the MCP specification's machine-readable parts into test-data/spec/ for the
// conformance tests of this package: each revision's schema.json, the JSON examples of its
// documentation pages, and (2026-07-28 on) its per-type examples. Run it against a checkout
// of github.com/modelcontextprotocol/modelcontextprotocol:
//   node scripts/vendor-spec.mjs <path-to-spec-checkout> [commit]
// then `pnpm exec biome format --write test-data/spec`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'];
const [source, commit = 'unknown'] = process.argv.slice(2);
if (!source) {
  console.error('usage: node scripts/vendor-spec.mjs <path-to-spec-checkout> [commit]');
  process.exit(2);
}
const out = new URL('../test-data/spec/', import.meta.url).pathname;

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );

for (const revision of REVISIONS) {
  const target = join(out, revision);
  mkdirSync(target, { recursive: true });
  const schema = JSON.parse(readFileSync(join(source, 'schema', revision, 'schema.json'), 'utf8'));
  writeFileSync(join(target, 'schema.json'), `${JSON.stringify(schema, null, 2)}\n`);

  // Every ```json block of the revision's pages that is valid JSON; blocks with comments or
  // ellipses are illustrations, not data, and are left out.
  const docs = join(source, 'docs', 'specification', revision);
  const examples = [];
  for (const file of walk(docs).filter((name) => name.endsWith('.mdx'))) {
    const text = readFileSync(file, 'utf8');
    let index = 0;
    for (const match of text.matchAll(/```json[^\n]*\n([\s\S]*?)```/g)) {
      try {
        examples.push({ page: relative(docs, file), index, value: JSON.parse(match[1]) });
      } catch {
        // not data
      }
      index += 1;
    }
  }
  writeFileSync(join(target, 'doc-examples.json'), `${JSON.stringify(examples, null, 2)}\n`);

  const typed = join(source, 'schema', revision, 'examples');
  if (existsSync(typed)) {
    const byType = walk(typed)
      .filter((name) => name.endsWith('.json'))
      .map((file) => {
        const [type, name] = relative(typed, file).split('/');
        return { type, name, value: JSON.parse(readFileSync(file, 'utf8')) };
      });
    writeFileSync(join(target, 'type-examples.json'), `${JSON.stringify(byType, null, 2)}\n`);
  }
}
writeFileSync(
  join(out, 'SOURCE.json'),
  `${JSON.stringify({ repository: 'https://github.com/modelcontextprotocol/modelcontextprotocol', commit, revisions: REVISIONS }, null, 2)}\n`,
);
console.log(`wrote ${REVISIONS.length} revisions to ${out}`);
