import { conformanceExamples } from '../examples/conformance/conformance-examples.js';
import { exampleTools } from '../examples/example-tools.js';
import type { ServerDefinitions } from '../features/server-definitions.js';

/** The example sets `--examples` selects. */
export const EXAMPLE_SETS = {
  /** echo, add, sleep, time, image. */
  default: { tools: [...exampleTools] },
  /** The fixed set the official conformance suite's server scenarios call. */
  conformance: conformanceExamples,
  /** Nothing: only what `--config` loads. */
  none: {},
} satisfies Record<string, ServerDefinitions>;

/** A name of {@link EXAMPLE_SETS}. */
export type ExampleSetName = keyof typeof EXAMPLE_SETS;

/** Whether `name` names an example set. */
export function isExampleSetName(name: unknown): name is ExampleSetName {
  return typeof name === 'string' && Object.hasOwn(EXAMPLE_SETS, name);
}

/** An example set merged with a config module's definitions (the module's come last). */
export function mergeDefinitions(a: ServerDefinitions, b: ServerDefinitions): ServerDefinitions {
  const merged: ServerDefinitions = {};
  // Lists stay out when both are empty: a present list declares its capability.
  for (const list of ['tools', 'resources', 'resourceTemplates', 'prompts'] as const) {
    const items = [...(a[list] ?? []), ...(b[list] ?? [])];
    if (items.length > 0) (merged as Record<string, unknown>)[list] = items;
  }
  const instructions = b.instructions ?? a.instructions;
  if (instructions !== undefined) merged.instructions = instructions;
  const serverInfo = b.serverInfo ?? a.serverInfo;
  if (serverInfo !== undefined) merged.serverInfo = serverInfo;
  return merged;
}
