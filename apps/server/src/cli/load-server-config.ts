import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FeatureError } from '../features/feature-error.js';
import type { ServerDefinitions } from '../features/server-definitions.js';

const LISTS = ['tools', 'resources', 'resourceTemplates', 'prompts'] as const;

/** What each list must hold, checked by shape: the module may use another copy of this package. */
const KIND: Record<(typeof LISTS)[number], { test: (item: unknown) => boolean; define: string }> = {
  tools: {
    test: (item) => has(item, 'descriptor') && has(item, 'handler'),
    define: 'defineTool',
  },
  resources: {
    test: (item) => has(item, 'kind') && item.kind === 'resource',
    define: 'defineResource',
  },
  resourceTemplates: {
    test: (item) => has(item, 'kind') && item.kind === 'template',
    define: 'defineResourceTemplate',
  },
  prompts: { test: (item) => has(item, 'kind') && item.kind === 'prompt', define: 'definePrompt' },
};

function has<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return typeof value === 'object' && value !== null && key in value;
}

function bad(path: string, why: string, cause?: unknown): FeatureError {
  return new FeatureError('invalid_config', `--config ${path}: ${why}`, { cause });
}

/**
 * Loads the user's tools, resources, templates and prompts from a module: its default
 * export (an object, or a function returning one, possibly async) or its named exports
 * `tools`, `resources`, `resourceTemplates`, `prompts`, `instructions`, `serverInfo`.
 * `.js`/`.mjs`/`.cjs` load as they are; `.ts` needs a Node that strips types (22.6+) or a
 * loader such as `node --import tsx`.
 */
export async function loadServerConfig(
  path: string,
  cwd = process.cwd(),
): Promise<ServerDefinitions> {
  const absolute = resolve(cwd, path);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((cause as Error).message).includes(absolute)) {
      throw bad(path, `no such file (${absolute})`, cause);
    }
    if (
      code === 'ERR_UNKNOWN_FILE_EXTENSION' &&
      ['.ts', '.mts', '.cts'].includes(extname(absolute))
    ) {
      throw bad(
        path,
        'this Node cannot load TypeScript: compile it to .js, or run with a loader (NODE_OPTIONS="--import tsx")',
        cause,
      );
    }
    throw bad(path, `the module failed to load: ${(cause as Error).message}`, cause);
  }
  let definitions: unknown = module.default ?? module;
  if (typeof definitions === 'function') definitions = await (definitions as () => unknown)();
  if (typeof definitions !== 'object' || definitions === null) {
    throw bad(
      path,
      'export an object { tools, resources, resourceTemplates, prompts } (default or named)',
    );
  }
  const source = definitions as Record<string, unknown>;
  const result: ServerDefinitions = {};
  for (const list of LISTS) {
    const items = source[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) throw bad(path, `${list} must be an array`);
    items.forEach((item, index) => {
      if (!KIND[list].test(item)) {
        throw bad(path, `${list}[${index}] is not made with ${KIND[list].define}(...)`);
      }
    });
    (result as Record<string, unknown>)[list] = items;
  }
  if (typeof source.instructions === 'string') result.instructions = source.instructions;
  if (source.serverInfo !== undefined) {
    const info = source.serverInfo as { name?: unknown; version?: unknown } | undefined;
    if (typeof info?.name !== 'string' || typeof info.version !== 'string') {
      throw bad(path, 'serverInfo must be { name: string, version: string }');
    }
    result.serverInfo = { name: info.name, version: info.version };
  }
  if (LISTS.every((list) => result[list] === undefined)) {
    throw bad(path, 'it exports no tools, resources, resourceTemplates or prompts');
  }
  return result;
}
