import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FeatureError } from '../features/feature-error.js';
import { EXAMPLE_SETS, mergeDefinitions } from './example-sets.js';
import { loadServerConfig } from './load-server-config.js';
import { parseCli } from './parse-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mcp-sse-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a config module that imports this package's sources. */
function module(name: string, body: string): string {
  const features = pathToFileURL(join(import.meta.dirname, '../features')).href;
  const tools = pathToFileURL(join(import.meta.dirname, '../tools')).href;
  const file = join(dir, name);
  writeFileSync(file, body.replaceAll('FEATURES', features).replaceAll('TOOLS', tools));
  return file;
}

describe('--examples and --config flags', () => {
  it('defaults to the default set, and to none when a config is given', () => {
    const plain = parseCli([], {});
    expect(plain.kind === 'run' && plain.config.examples).toBe('default');
    const withConfig = parseCli(['--config', 'x.js'], {});
    expect(withConfig.kind === 'run' && withConfig.config).toMatchObject({
      config: 'x.js',
      examples: 'none',
    });
    const both = parseCli(['--examples', 'conformance'], { MCP_SERVER_CONFIG: 'y.mjs' });
    expect(both.kind === 'run' && both.config).toMatchObject({
      config: 'y.mjs',
      examples: 'conformance',
    });
    const secret = parseCli(['--state-secret', 's1'], { MCP_REQUEST_STATE_SECRET: 's2' });
    expect(secret.kind === 'run' && secret.config.requestStateSecret).toBe('s1');
    const fromEnv = parseCli([], { MCP_REQUEST_STATE_SECRET: 's2' });
    expect(fromEnv.kind === 'run' && fromEnv.config.requestStateSecret).toBe('s2');
    expect(parseCli(['--examples', 'all'], {})).toEqual({
      kind: 'error',
      message: expect.stringContaining('default, conformance, none'),
    });
  });

  it('keeps the conformance set apart and complete', () => {
    const set = EXAMPLE_SETS.conformance;
    expect(set.tools?.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'test_simple_text',
        'test_sampling',
        'test_elicitation_sep1330_enums',
      ]),
    );
    expect(set.resources?.map((r) => r.uri)).toEqual([
      'test://static-text',
      'test://static-binary',
      'test://watched-resource',
    ]);
    expect(set.resourceTemplates?.[0]?.uriTemplate).toBe('test://template/{id}/data');
    expect(set.prompts?.map((p) => p.name)).toContain('test_prompt_with_embedded_resource');
    expect(mergeDefinitions(EXAMPLE_SETS.default, {})).toEqual({
      tools: EXAMPLE_SETS.default.tools,
    });
  });
});

describe('loadServerConfig', () => {
  it('loads a default export, a factory, or named exports', async () => {
    const named = module(
      'named.mjs',
      `import { defineResource } from 'FEATURES/define-resource.ts';
       export const resources = [defineResource({ uri: 'app://a', name: 'a', text: 'x' })];
       export const instructions = 'be nice';`,
    );
    expect(await loadServerConfig(named)).toMatchObject({
      resources: [{ uri: 'app://a' }],
      instructions: 'be nice',
    });
    const factory = module(
      'factory.mjs',
      `import { definePrompt } from 'FEATURES/define-prompt.ts';
       export default async () => ({ prompts: [definePrompt({ name: 'p', get: () => 'hi' })] });`,
    );
    expect((await loadServerConfig(factory)).prompts?.[0]?.name).toBe('p');
  });

  it('says what is wrong with a bad module', async () => {
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing.mjs'), /no such file/],
      [module('empty.mjs', 'export const nothing = 1;'), /exports no tools/],
      [
        module('wrong.mjs', 'export const tools = [{ name: "x" }];'),
        /tools\[0\] is not made with defineTool/,
      ],
      [module('throws.mjs', 'throw new Error("boom");'), /failed to load: boom/],
    ];
    for (const [file, message] of cases) {
      const error = await loadServerConfig(file).catch((e: unknown) => e);
      expect(FeatureError.isInstance(error) && (error as FeatureError).code).toBe('invalid_config');
      expect((error as Error).message).toMatch(message);
    }
  });
});
