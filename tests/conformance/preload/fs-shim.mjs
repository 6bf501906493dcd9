// `node:fs` plus a minimal `globSync(pattern | patterns, { cwd })` (Node 22's), enough for
// the conformance suite's `globSync('**/checks.json', { cwd })`.
import fs from 'node:fs';
import path from 'node:path';

export * from 'node:fs';
export default fs;

/** Turns a glob (`**`, `*`, `?`) into a RegExp over `/`-separated relative paths. */
function globToRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more whole directories; a trailing `**` matches anything.
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Every file and directory under `root`, as `/`-separated paths relative to it. */
function walk(root) {
  const found = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop();
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      found.push(relative);
      if (entry.isDirectory()) pending.push(relative);
    }
  }
  return found;
}

/** Node 22's `fs.globSync` for plain patterns: relative paths under `cwd`, sorted. */
export function globSync(patterns, options = {}) {
  const cwd = options.cwd === undefined ? process.cwd() : String(options.cwd);
  const list = (Array.isArray(patterns) ? patterns : [patterns]).map(globToRegExp);
  return walk(cwd)
    .filter((relative) => list.some((re) => re.test(relative)))
    .map((relative) => relative.split('/').join(path.sep))
    .sort();
}
