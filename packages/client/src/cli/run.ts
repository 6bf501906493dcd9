import { CLIENT_VERSION } from '../client-info.js';
import { parseCommandLine } from './args.js';
import type { ParsedCommand } from './command.js';
import { callCommand } from './commands/call.js';
import { chatCommand } from './commands/chat.js';
import { completeCommand } from './commands/complete.js';
import { infoCommand } from './commands/info.js';
import { listCommand } from './commands/lists.js';
import { loginCommand } from './commands/login.js';
import { logoutCommand } from './commands/logout.js';
import { pingCommand } from './commands/ping.js';
import { promptCommand } from './commands/prompt.js';
import { proxyCommand } from './commands/proxy.js';
import { readCommand } from './commands/read.js';
import { toolsCommand } from './commands/tools.js';
import { watchCommand } from './commands/watch.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { reportError } from './report-error.js';

const COMMANDS: Record<
  ParsedCommand['command'],
  (command: ParsedCommand, io: CliIO) => Promise<ExitCode>
> = {
  info: infoCommand,
  resources: listCommand('resources'),
  templates: listCommand('templates'),
  prompts: listCommand('prompts'),
  read: readCommand,
  prompt: promptCommand,
  complete: completeCommand,
  login: loginCommand,
  logout: logoutCommand,
  ping: pingCommand,
  watch: watchCommand,
  tools: toolsCommand,
  call: callCommand,
  chat: chatCommand,
  proxy: proxyCommand,
};

/** Runs the CLI on `argv` (without node and the script) and resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.out(`${parsed.text}\n`);
      return EXIT.ok;
    }
    if (parsed.kind === 'version') {
      io.out(`${CLIENT_VERSION}\n`);
      return EXIT.ok;
    }
    return await COMMANDS[parsed.command](parsed, io);
  } catch (error) {
    // `--json` asks for JSON errors too, even when the command line itself was wrong.
    return reportError(error, io, argv.includes('--json'));
  }
}
