import { cliAuthProvider, cliAuthStorage, loginKey } from '../auth/cli-auth.js';
import type { ParsedCommand } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { serverUrlArgument } from './login.js';

/** `mcp-sse logout URL`: forgets the stored tokens for that server. */
export async function logoutCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const url = serverUrlArgument(command, io);
  const storage = cliAuthStorage(io);
  const provider = await cliAuthProvider(url, io, storage);
  const had = await provider.logout(url);
  await storage.delete(loginKey(url));
  io.err(had ? `Logged out of ${url}.\n` : `No stored login for ${url}.\n`);
  return EXIT.ok;
}
