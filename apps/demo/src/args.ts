import { parseArgs } from 'node:util';

/** What the command line asked for. */
export interface DemoArgs {
  /** Print one JSON object per line instead of the narration. */
  json: boolean;
  /** Run the Claude chat against the demo server instead of the narrated flow. */
  chat: boolean;
  /** Run the flow against this server instead of the embedded one. */
  url: string | undefined;
  /** With `--chat`: one turn with this text, then exit (no terminal needed). */
  prompt: string | undefined;
  help: boolean;
}

/** A command line that cannot be run; main prints the message and the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The text `--help` prints. */
export const USAGE = `Usage: pnpm demo [-- options]

Starts an MCP server on a free loopback port, connects the client and narrates every step.

Options:
  --json        print a machine-readable log (one JSON object per line)
  --url URL     run the same flow against another HTTP+SSE server (its GET /sse URL)
  --chat        chat with Claude through the demo server (needs ANTHROPIC_API_KEY)
  --prompt TEXT with --chat: one turn with TEXT, then exit
  -h, --help    show this help`;

/** Parses the demo's arguments; throws {@link UsageError} on anything it does not know. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  // `pnpm demo -- --json` hands the script a literal `--` first: it is not a terminator here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values: { json?: boolean; chat?: boolean; url?: string; prompt?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean' },
        chat: { type: 'boolean' },
        url: { type: 'string' },
        prompt: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.url !== undefined) {
    let url: URL;
    try {
      url = new URL(values.url);
    } catch {
      throw new UsageError(`--url: not a URL: ${JSON.stringify(values.url)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UsageError(`--url: expected an http(s) URL, got ${url.protocol}`);
    }
  }
  if (values.chat && values.url !== undefined) {
    throw new UsageError('--chat runs against the demo server: leave out --url');
  }
  if (values.prompt !== undefined && !values.chat) {
    throw new UsageError('--prompt goes with --chat');
  }
  return {
    json: values.json ?? false,
    chat: values.chat ?? false,
    url: values.url,
    prompt: values.prompt,
    help: values.help ?? false,
  };
}
