import type Anthropic from '@anthropic-ai/sdk';
import { UsageError } from '../usage-error.js';

/** The Anthropic client class, as `@anthropic-ai/sdk` exports it. */
export type AnthropicClass = typeof Anthropic;

/** What to run when `@anthropic-ai/sdk` is missing. */
export const INSTALL_ANTHROPIC_HINT =
  'Install it beside @mcp-sse/client: npm i @anthropic-ai/sdk (it is an optional peer dependency).';

/**
 * Loads `@anthropic-ai/sdk` on first use. It is an optional peer dependency: only `chat` and
 * sampling need it, and users who never talk to Claude should not install 29 MB for it.
 * A missing package is a usage problem (exit 2) that says how to install it.
 */
export async function loadAnthropic(
  purpose: string,
  importer: () => Promise<{ default: AnthropicClass }> = () => import('@anthropic-ai/sdk'),
): Promise<AnthropicClass> {
  try {
    return (await importer()).default;
  } catch (error) {
    if (isMissingModule(error)) {
      throw new UsageError(
        `${purpose} needs @anthropic-ai/sdk, which is not installed`,
        INSTALL_ANTHROPIC_HINT,
      );
    }
    throw error;
  }
}

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    message.includes('@anthropic-ai/sdk')
  );
}
