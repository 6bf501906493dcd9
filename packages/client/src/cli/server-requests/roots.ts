import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RootEntry } from '../../features/handlers.js';

/**
 * The roots the CLI exposes: each `--root PATH` (repeatable), or the current directory when
 * none is given, as `file://` URIs.
 */
export function cliRoots(paths: readonly string[], cwd: string = process.cwd()): RootEntry[] {
  const chosen = paths.length > 0 ? paths : [cwd];
  return chosen.map((path) => {
    const absolute = resolve(cwd, path);
    return { uri: pathToFileURL(absolute).href, name: basename(absolute) || absolute };
  });
}
