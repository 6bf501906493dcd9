import type { DefinedTool } from '../tools/define-tool.js';
import type { DefinedPrompt } from './define-prompt.js';
import type { DefinedResource } from './define-resource.js';
import type { DefinedResourceTemplate } from './define-resource-template.js';

/**
 * Everything a server serves, as a `--config` module exports it (default export or named
 * exports) and as the plugin takes it.
 */
export interface ServerDefinitions {
  tools?: DefinedTool[];
  resources?: DefinedResource[];
  resourceTemplates?: DefinedResourceTemplate[];
  prompts?: DefinedPrompt[];
  /** `instructions` for the model in the `initialize` result. */
  instructions?: string;
  /** Name and version in the `initialize` result. */
  serverInfo?: { name: string; version: string };
}

/** Identity function that types a `--config` module's export. */
export function defineServer(definitions: ServerDefinitions): ServerDefinitions {
  return definitions;
}
