import { OAUTH_USAGE_ROWS } from '../oauth/oauth-cli-config.js';

/** One option of `mcp-sse-server --help`: flag, what it does, its variable and default. */
interface OptionRow {
  flag: string;
  /** What it does, one line or more (each printed on its own line). */
  help: string[];
  /** Environment variable and default, e.g. `PORT (3000)`; '' for none. */
  env: string;
}

const OPTIONS: OptionRow[] = [
  { flag: '--port <n>', help: ['port to listen on; 0 picks a free one'], env: 'PORT (3000)' },
  { flag: '--host <addr>', help: ['address to bind'], env: 'HOST (127.0.0.1)' },
  {
    flag: '--api-key <k1,k2>',
    help: ['accepted API keys; turns auth on'],
    env: 'MCP_API_KEY (none)',
  },
  {
    flag: '--allowed-origins <o>',
    help: ['browser origins allowed, comma-separated, or *'],
    env: 'MCP_ALLOWED_ORIGINS (loopback)',
  },
  {
    flag: '--allowed-hosts <h>',
    help: ['Host headers accepted, comma-separated, or *', '(DNS rebinding protection)'],
    env: 'MCP_ALLOWED_HOSTS (loopback names on a loopback bind)',
  },
  {
    flag: '--rate-limit <n>',
    help: ['requests per minute per client; 0 = off'],
    env: 'MCP_RATE_LIMIT (1000)',
  },
  {
    flag: '--auth-failure-limit <n>',
    help: ['failed authentications per minute per address', 'before 429; 0 = off'],
    env: 'MCP_AUTH_FAILURE_LIMIT (30)',
  },
  {
    flag: '--max-sessions <n>',
    help: ['open sessions at most; one client may hold half'],
    env: 'MCP_MAX_SESSIONS (10000)',
  },
  {
    flag: '--heartbeat-ms <n>',
    help: ['ms between heartbeat comments; 0 = off'],
    env: 'MCP_HEARTBEAT_MS (15000)',
  },
  {
    flag: '--resume-grace-ms <n>',
    help: ['keep a dropped session this long for its client', 'to come back; 0 = off'],
    env: 'MCP_RESUME_GRACE_MS (30000)',
  },
  {
    flag: '--redis-url <url>',
    help: ['share sessions between instances through Redis', '(redis://host:port/db)'],
    env: 'REDIS_URL (none: in memory)',
  },
  ...OAUTH_USAGE_ROWS,
  {
    flag: '--log-level <level>',
    help: ['fatal|error|warn|info|debug|trace|silent'],
    env: 'LOG_LEVEL (info)',
  },
  {
    flag: '--config <file>',
    help: [
      'serve the tools, resources, templates and prompts',
      'a module exports (.js/.mjs; .ts with a loader)',
    ],
    env: 'MCP_SERVER_CONFIG (none)',
  },
  {
    flag: '--examples <set>',
    help: ['default|conformance|none: built-in set to serve'],
    env: 'MCP_EXAMPLES (default; none with --config)',
  },
  {
    flag: '--state-secret <s>',
    help: ['signs 2026-07-28 multi round-trip state; give', 'every instance the same one'],
    env: 'MCP_REQUEST_STATE_SECRET (random)',
  },
  {
    flag: '--stdio <command>',
    help: [
      'serve this stdio MCP server instead of the examples,',
      'e.g. "npx -y @modelcontextprotocol/server-everything stdio"',
      '(split as a shell would; no shell is started)',
    ],
    env: 'MCP_STDIO (none)',
  },
  {
    flag: '--stdio-mode <m>',
    help: ['session: a child per session; shared: one child'],
    env: 'MCP_STDIO_MODE (session)',
  },
  {
    flag: '--stdio-max-children <n>',
    help: ['per-session children at most; more get 503'],
    env: 'MCP_STDIO_MAX_CHILDREN (100)',
  },
  { flag: '-v, --version', help: ['print the version'], env: '' },
  { flag: '-h, --help', help: ['show this help'], env: '' },
];

/** The options block: flags in one column, help and variable aligned in the next. */
function optionLines(): string[] {
  const width = Math.max(...OPTIONS.map((row) => row.flag.length)) + 2;
  const pad = ' '.repeat(2 + width);
  return OPTIONS.flatMap((row) => {
    const [first = '', ...rest] = row.help;
    return [
      `  ${row.flag.padEnd(width)}${first}`,
      ...rest.map((line) => `${pad}${line}`),
      ...(row.env === '' ? [] : [`${pad}env ${row.env}`]),
    ];
  });
}

/** `mcp-sse-server --help`. */
export const USAGE = [
  'Usage: mcp-sse-server [options]',
  '',
  'MCP server over HTTP+SSE with example tools (echo, add, sleep, time, image).',
  '',
  'Options (each falls back to the environment variable shown, then to the default):',
  ...optionLines(),
  '',
  'Routes: GET /sse (stream), POST /messages?sessionId=ID (JSON-RPC), POST /sse (simple form),',
  'GET /healthz. Logs go to stderr as JSON; stdout gets one line once listening.',
].join('\n');

/** What a usage error prints after the error itself. */
export const USAGE_HINT = 'Run mcp-sse-server --help to see the options.';
