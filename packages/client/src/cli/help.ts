import { DEFAULT_MODEL } from './chat/default-model.js';

// Starts with a blank line: it follows each command's own options.
const CONNECTION = `
Connection:
  -u, --url URL              the MCP server's URL (env MCP_SERVER_URL): its Streamable
                             HTTP endpoint (often /mcp) or HTTP+SSE stream (often /sse)
  -k, --api-key KEY          API key, sent as Authorization: Bearer (env MCP_API_KEY)
      --api-key-header NAME  authorization (default) or x-api-key
      --connect-timeout S    seconds to wait for the connection (default 10)
  -t, --transport T          streamable-http, sse, or auto (default: negotiate)
      --protocol-version V   pin a revision (2026-07-28, 2025-11-25, ...)
  -H, --header "K: V"        an extra request header (repeatable)
      --root PATH            a root offered to the server (repeatable; default: the
                             current directory)
      --verbose              print the wire on stderr, one line per message
  -h, --help                 show this help`;

/** Usage of `mcp-sse` itself. */
export const MAIN_USAGE = `Usage: mcp-sse <command> [options]

Talk to an MCP server over HTTP: Streamable HTTP (2026-07-28 or 2025) or HTTP+SSE,
negotiated from the URL alone.

Commands:
  info     the server's name, version, revision, transport and capabilities
  resources, templates, prompts
           list the server's resources, resource templates or prompts
  read     read a resource by URI
  prompt   get a prompt filled in with key=value arguments
  complete
           suggest values for a prompt's or resource template's argument
  login    log in to an OAuth-protected server (tokens kept for every command)
  logout   forget the stored tokens for a server
  ping     check the server answers
  watch    print list changes and resource updates as they come
  tools    list the server's tools
  call     call a tool and print its result
  chat     chat with Claude, which can use the server's tools
  proxy    put the server on stdin/stdout for a desktop host (Claude Desktop, IDEs)

Options:
  -h, --help       show this help
  -v, --version    print the version

Run "mcp-sse <command> --help" for a command's options.

Exit codes: 0 ok, 1 tool returned isError, 2 usage error (including a server's
            -32602 invalid params), 3 connection/auth/protocol failure, 130 interrupted.
With --json, an error is printed as {"error": {...}} on stdout.`;

/** Usage of `mcp-sse info`. */
export const INFO_USAGE = `Usage: mcp-sse info [--url URL] [--json]

Connect and print what the server is: name, version, protocol revision, transport,
endpoint, capabilities and instructions.

Options:
      --json                 print it as JSON
${CONNECTION}

Example:
  mcp-sse info --url http://127.0.0.1:3000/mcp`;

const LISTING_OPTIONS = `Options:
      --json                 print JSON
      --timeout S            seconds to wait for the answer (default 60)`;

/** Usage of `mcp-sse resources`. */
export const RESOURCES_USAGE = `Usage: mcp-sse resources [--url URL] [--json]

List the server's resources (every page): URI, name, type and description.

${LISTING_OPTIONS}
${CONNECTION}`;

/** Usage of `mcp-sse templates`. */
export const TEMPLATES_USAGE = `Usage: mcp-sse templates [--url URL] [--json]

List the server's resource templates (every page).

${LISTING_OPTIONS}
${CONNECTION}`;

/** Usage of `mcp-sse prompts`. */
export const PROMPTS_USAGE = `Usage: mcp-sse prompts [--url URL] [--json]

List the server's prompts (every page) and their arguments (* = required).

${LISTING_OPTIONS}
${CONNECTION}`;

/** Usage of `mcp-sse read`. */
export const READ_USAGE = `Usage: mcp-sse read URI [--url URL] [--json]

Read a resource: text parts print as text, binary parts are summarised.

${LISTING_OPTIONS}
${CONNECTION}

Example:
  mcp-sse read file:///README.md --url http://127.0.0.1:3000/mcp`;

/** Usage of `mcp-sse prompt`. */
export const PROMPT_USAGE = `Usage: mcp-sse prompt NAME [key=value ...] [--url URL] [--json]

Get the prompt NAME filled in with the arguments; prints one "role: text" per message.

${LISTING_OPTIONS}
${CONNECTION}`;

/** Usage of `mcp-sse watch`. */
export const WATCH_USAGE = `Usage: mcp-sse watch [--resource URI ...] [--url URL] [--json]

Print changes as they come, until Ctrl-C: the tool, resource and prompt lists, and the
resources given with --resource (2026-07-28: subscriptions/listen; earlier revisions:
resources/subscribe). One line per change; JSON lines with --json.

Options:
  -r, --resource URI         watch this resource for updates (repeatable)
      --json                 print JSON lines
${CONNECTION}`;

/** Usage of `mcp-sse ping`. */
export const PING_USAGE = `Usage: mcp-sse ping [--url URL] [--timeout S]

Connect and check the server answers.

Options:
      --timeout S            seconds to wait for the answer (default 10)
${CONNECTION}`;

/** Usage of `mcp-sse tools`. */
export const TOOLS_USAGE = `Usage: mcp-sse tools [--url URL] [--api-key KEY] [--json]

List the server's tools: name, description and arguments (* = required).

Options:
      --json                 print the tools as a JSON array
      --timeout S            seconds to wait for the list (default 60)
${CONNECTION}

Example:
  mcp-sse tools --url http://127.0.0.1:3000/mcp`;

/** Usage of `mcp-sse call`. */
export const CALL_USAGE = `Usage: mcp-sse call TOOL [--args JSON | key=value ...] [options]

Call TOOL and print its result: text content as text, other content summarised.
key=value arguments are read by the tool's argument types (numbers, booleans, JSON);
they override members of --args.

Options:
  -a, --args JSON            the arguments as a JSON object
      --json                 print the CallToolResult as JSON
      --timeout S            seconds without an answer or progress (default 60)
${CONNECTION}

Examples:
  mcp-sse call echo message=hello
  mcp-sse call add --args '{"a": 2, "b": 3}' --json`;

/** Usage of `mcp-sse chat`. */
export const CHAT_USAGE = `Usage: mcp-sse chat [--url URL] [--model M] [--prompt TEXT] [options]

Chat with Claude; the server's tools are offered to it and run through MCP.
Interactive unless --prompt is given. Needs ANTHROPIC_API_KEY; honours ANTHROPIC_BASE_URL.

Options:
  -m, --model M              Claude model (default ${DEFAULT_MODEL}, env ANTHROPIC_MODEL)
  -p, --prompt TEXT          run one turn with TEXT and exit
      --max-rounds N         tool-use rounds per turn before giving up (default 10)
      --max-tokens N         max tokens per reply (default 4096)
      --timeout S            seconds per tool call (default 60)
${CONNECTION}

Example:
  mcp-sse chat --url http://127.0.0.1:3000/sse --prompt "What is 2 + 3? Use the add tool."`;

/** Usage of `mcp-sse complete`. */
export const COMPLETE_USAGE = `Usage: mcp-sse complete (--prompt NAME | --template URI) ARG [PARTIAL] [--url URL]

Ask the server to complete the argument ARG of a prompt or a resource template from what
is typed so far (PARTIAL, default empty): one suggestion per line.

Options:
  -p, --prompt NAME          complete an argument of this prompt
      --template URI         complete a variable of this resource template
      --context K=V          an argument already chosen (repeatable)
      --json                 print the completion as JSON
      --timeout S            seconds to wait for the answer (default 60)
${CONNECTION}

Example:
  mcp-sse complete --prompt greet name A --url http://127.0.0.1:3000/mcp`;
