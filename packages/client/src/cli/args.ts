import { type ParseArgsConfig, parseArgs } from 'node:util';
import { PROXY_USAGE } from '../proxy/proxy-usage.js';
import { LOGIN_USAGE, LOGOUT_USAGE } from './auth/login-usage.js';
import {
  CALL_USAGE,
  CHAT_USAGE,
  COMPLETE_USAGE,
  INFO_USAGE,
  MAIN_USAGE,
  PING_USAGE,
  PROMPT_USAGE,
  PROMPTS_USAGE,
  READ_USAGE,
  RESOURCES_USAGE,
  TEMPLATES_USAGE,
  TOOLS_USAGE,
  WATCH_USAGE,
} from './help.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const CONNECTION_OPTIONS = {
  url: { type: 'string', short: 'u' },
  'api-key': { type: 'string', short: 'k' },
  'api-key-header': { type: 'string' },
  'connect-timeout': { type: 'string' },
  transport: { type: 'string', short: 't' },
  header: { type: 'string', short: 'H', multiple: true },
  'protocol-version': { type: 'string' },
  root: { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

const LISTING_OPTIONS = {
  ...CONNECTION_OPTIONS,
  json: { type: 'boolean' },
  timeout: { type: 'string' },
} as const satisfies Options;

const COMMANDS = {
  resources: { usage: RESOURCES_USAGE, positionals: false, options: LISTING_OPTIONS },
  templates: { usage: TEMPLATES_USAGE, positionals: false, options: LISTING_OPTIONS },
  prompts: { usage: PROMPTS_USAGE, positionals: false, options: LISTING_OPTIONS },
  read: { usage: READ_USAGE, positionals: true, options: LISTING_OPTIONS },
  prompt: { usage: PROMPT_USAGE, positionals: true, options: LISTING_OPTIONS },
  complete: {
    usage: COMPLETE_USAGE,
    positionals: true,
    options: {
      ...LISTING_OPTIONS,
      prompt: { type: 'string', short: 'p' },
      template: { type: 'string' },
      context: { type: 'string', multiple: true },
    },
  },
  watch: {
    usage: WATCH_USAGE,
    positionals: false,
    options: {
      ...CONNECTION_OPTIONS,
      json: { type: 'boolean' },
      resource: { type: 'string', short: 'r', multiple: true },
    },
  },
  login: {
    usage: LOGIN_USAGE,
    positionals: true,
    options: {
      url: { type: 'string', short: 'u' },
      'no-browser': { type: 'boolean' },
      scope: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'client-metadata-url': { type: 'string' },
      'client-credentials': { type: 'boolean' },
      'private-key': { type: 'string' },
      'signing-alg': { type: 'string' },
      'idp-token-endpoint': { type: 'string' },
      'idp-client-id': { type: 'string' },
      'id-token': { type: 'string' },
      'assertion-file': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  logout: {
    usage: LOGOUT_USAGE,
    positionals: true,
    options: { url: { type: 'string', short: 'u' }, help: { type: 'boolean', short: 'h' } },
  },
  ping: {
    usage: PING_USAGE,
    positionals: false,
    options: { ...CONNECTION_OPTIONS, timeout: { type: 'string' } },
  },
  info: {
    usage: INFO_USAGE,
    positionals: false,
    options: { ...CONNECTION_OPTIONS, json: { type: 'boolean' } },
  },
  tools: {
    usage: TOOLS_USAGE,
    positionals: false,
    options: { ...CONNECTION_OPTIONS, json: { type: 'boolean' }, timeout: { type: 'string' } },
  },
  call: {
    usage: CALL_USAGE,
    positionals: true,
    options: {
      ...CONNECTION_OPTIONS,
      args: { type: 'string', short: 'a' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
    },
  },
  proxy: {
    usage: PROXY_USAGE,
    positionals: true,
    options: {
      url: { type: 'string', short: 'u' },
      'api-key': { type: 'string', short: 'k' },
      'api-key-header': { type: 'string' },
      'connect-timeout': { type: 'string' },
      transport: { type: 'string', short: 't' },
      header: { type: 'string', short: 'H', multiple: true },
      'protocol-version': { type: 'string' },
      verbose: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  chat: {
    usage: CHAT_USAGE,
    positionals: false,
    options: {
      ...CONNECTION_OPTIONS,
      model: { type: 'string', short: 'm' },
      prompt: { type: 'string', short: 'p' },
      'max-rounds': { type: 'string' },
      'max-tokens': { type: 'string' },
      timeout: { type: 'string' },
    },
  },
} as const;

/** A command name. */
export type CommandName = keyof typeof COMMANDS;

/** Flag values as parseArgs returns them. */
export type FlagValues = Record<string, string | string[] | boolean | undefined>;

/** What the command line asks for. */
export type ParsedCommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | {
      kind: 'command';
      command: CommandName;
      values: FlagValues;
      positionals: string[];
      usage: string;
    };

/**
 * Reads argv (without node and the script) with node:util parseArgs, strictly: an unknown
 * flag or a missing value is a UsageError carrying the command's usage.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { kind: 'help', text: MAIN_USAGE };
  }
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (!(first in COMMANDS)) {
    throw new UsageError(`Unknown command "${first}"`, MAIN_USAGE);
  }
  const command = first as CommandName;
  const spec = COMMANDS[command];
  let parsed: { values: FlagValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...rest],
      options: spec.options,
      allowPositionals: spec.positionals,
      strict: true,
    }) as { values: FlagValues; positionals: string[] };
  } catch (error) {
    throw new UsageError((error as Error).message, spec.usage);
  }
  if (parsed.values.help) return { kind: 'help', text: spec.usage };
  return {
    kind: 'command',
    command,
    values: parsed.values,
    positionals: parsed.positionals,
    usage: spec.usage,
  };
}
