import type * as NodeFs from 'node:fs/promises';
import type * as NodeHttp from 'node:http';
import type * as NodeOs from 'node:os';
import type * as NodePath from 'node:path';

interface Builtins {
  'node:fs/promises': typeof NodeFs;
  'node:http': typeof NodeHttp;
  'node:os': typeof NodeOs;
  'node:path': typeof NodePath;
}

/**
 * One of Node's built-in modules, fetched when a Node-only feature (the loopback redirect,
 * the credentials file) is first used. A static import would put `node:` specifiers into the
 * library's entry and break every browser bundle of it, so the lookup waits for run time.
 */
export function nodeBuiltin<ID extends keyof Builtins>(id: ID, feature: string): Builtins[ID] {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new Error(
      `${feature} needs Node.js 20.16 or later (process.getBuiltinModule); in a browser, ` +
        'pass your own storage and redirect handling to the OAuth provider instead.',
    );
  }
  return get(id) as Builtins[ID];
}
