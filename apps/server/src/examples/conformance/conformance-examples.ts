import type { ServerDefinitions } from '../../features/server-definitions.js';
import { clientTools } from './client-tools.js';
import { contentTools } from './content-tools.js';
import { diagnosticTools } from './diagnostic-tools.js';
import { inputRequiredTools } from './input-required-tools.js';
import { pollingTools } from './polling-tools.js';
import { conformancePrompts } from './prompts.js';
import { conformanceResources, conformanceResourceTemplates } from './resources.js';
import { taskTools } from './task-tools.js';

/**
 * The fixed set the official conformance suite's server scenarios call (`test_simple_text`,
 * `test://static-text`, `test_simple_prompt`, ...), served by `mcp-sse-server --examples
 * conformance`. Not exported from the package: it exists for the suite.
 */
export const conformanceExamples: ServerDefinitions = {
  tools: [
    ...contentTools,
    ...clientTools,
    ...inputRequiredTools,
    ...diagnosticTools,
    ...taskTools,
    ...pollingTools,
  ],
  resources: conformanceResources,
  resourceTemplates: conformanceResourceTemplates,
  prompts: conformancePrompts,
};
