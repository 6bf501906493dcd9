import { parseDemoArgs, USAGE, UsageError } from './args.js';
import { chatMissing, runChat } from './chat.js';
import { painter, wantsColour } from './colour.js';
import type { EmbeddedServer } from './embedded-server.js';
import type { Narrator } from './narrator.js';
import { createJsonNarrator } from './narrator-json.js';
import { createTextNarrator } from './narrator-text.js';
import { runSteps } from './run-steps.js';
import { demoSteps } from './steps/index.js';
import type { DemoContext } from './steps/types.js';

// The demo never hangs: whatever happens, it exits by then with a reason.
const OVERALL_TIMEOUT_MS = 90_000;

function pickNarrator(json: boolean): Narrator {
  const write = (text: string) => process.stdout.write(text);
  if (json) return createJsonNarrator(write);
  const colour = wantsColour(process.stdout, process.env);
  return createTextNarrator(write, painter(colour), process.stdout.isTTY === true);
}

async function runFlow(url: string | undefined, narrator: Narrator): Promise<number> {
  const started = Date.now();
  let server: EmbeddedServer | undefined;
  try {
    // Loaded only when needed: `--url` runs without the server package.
    server =
      url === undefined
        ? await (await import('./embedded-server.js')).startEmbeddedServer()
        : undefined;
    const target = server?.url ?? (url as string);
    narrator.start({ target, mode: server ? 'embedded' : 'remote' });
    const ctx: DemoContext = {
      narrator,
      url: target,
      mcpUrl: server?.mcpUrl,
      pollAfterMs: server?.pollAfterMs,
      dropStreams: server?.dropStreams,
      signal: new AbortController().signal,
      showWire: false,
    };
    const outcome = await runSteps(demoSteps, ctx, narrator);
    narrator.finish({ ...outcome, ms: Date.now() - started });
    return outcome.ok ? 0 : 1;
  } finally {
    await server?.close();
  }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseDemoArgs>;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mcp-sse demo: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.chat) {
    const missing = chatMissing(process.env);
    if (missing) {
      process.stderr.write(`mcp-sse demo: ${missing}\n`);
      return 2;
    }
    return runChat(args.prompt);
  }
  // The chat is interactive and may last; the narrated flow may not.
  const watchdog = setTimeout(
    () => abort(args.json, `gave up after ${OVERALL_TIMEOUT_MS / 1000} s`),
    OVERALL_TIMEOUT_MS,
  );
  watchdog.unref();
  // A throw outside any step (a broken build of a package, a bug in a listener) would
  // otherwise end the run with a bare stack trace and no verdict in the log.
  process.on('uncaughtException', (error) => abort(args.json, describeCrash(error)));
  process.on('unhandledRejection', (error) => abort(args.json, describeCrash(error)));
  return runFlow(args.url, pickNarrator(args.json));
}

function describeCrash(error: unknown): string {
  return `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** Ends the run at once with exit 1, saying why on stderr and, in JSON mode, in the log. */
function abort(json: boolean, reason: string): never {
  process.stderr.write(`mcp-sse demo: ${reason}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ type: 'fatal', ok: false, reason })}\n`);
  process.exit(1);
}

main().then(
  (code) => {
    process.exitCode = code;
    // Let stdout drain, then leave even if a stray handle would keep the loop alive.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `mcp-sse demo failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
