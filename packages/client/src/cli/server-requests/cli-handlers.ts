import type { ClientHandlers } from '../../features/handlers.js';
import type { CliIO } from '../io.js';
import { askElicitation } from './elicitation-form.js';
import { cliRoots } from './roots.js';
import { samplingHandler } from './sampling.js';

/**
 * What every CLI command answers when the server asks mid-command: elicitation as a form
 * on a terminal (declined otherwise), sampling by Claude after approval (only with
 * `ANTHROPIC_API_KEY`), roots from `--root` or the current directory.
 */
export function cliHandlers(io: CliIO, roots: readonly string[]): ClientHandlers {
  const sampling = samplingHandler(io);
  return {
    elicitation: (params, context) => askElicitation(params, io, context.signal),
    roots: () => cliRoots(roots),
    ...(sampling ? { sampling } : {}),
  };
}
