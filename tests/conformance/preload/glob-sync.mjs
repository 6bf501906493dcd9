// Node 20 preload for the conformance suite (`node --import ./preload/glob-sync.mjs ...`).
// The suite imports `globSync` from `fs` by name (Node 22 added it; the suite uses it for its
// `tier-check` command only), so on Node 20 it fails at link time before any command runs.
// Assigning `fs.globSync` is not enough on Node 20: the names a builtin's ES module facade
// exports are fixed the first time the module is loaded, before any preload can run, and
// `syncBuiltinESMExports()` only refreshes existing names. So a resolve hook points every
// other module's `fs` / `node:fs` at a shim that re-exports `node:fs` plus a small globSync.
import { register } from 'node:module';

if (!('globSync' in (await import('node:fs')))) {
  register('./fs-hooks.mjs', import.meta.url);
}
