import type { ParsedCommandLine } from './args.js';

/** A parsed command with its flags, positionals and usage text. */
export type ParsedCommand = Extract<ParsedCommandLine, { kind: 'command' }>;
