import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { OAuthProviderOptions } from '../../auth/oauth-provider.js';
import {
  assertionFor,
  type CliLoginSettings,
  cliAuthProvider,
  cliAuthStorage,
  loginKey,
  urlOpener,
} from '../auth/cli-auth.js';
import type { ParsedCommand } from '../command.js';
import { seconds } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../usage-error.js';

/** `mcp-sse login URL`: runs the OAuth flow now and stores the tokens for later commands. */
export async function loginCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, usage } = command;
  const url = serverUrlArgument(command, io);
  const text = (name: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  const clientId = text('client-id');
  const clientSecret = text('client-secret');
  const keyFile = text('private-key');
  const signingAlg = text('signing-alg');
  const machine = values['client-credentials'] === true;
  const crossApp = crossAppSettings(command);
  const assertionFile = text('assertion-file');
  if (crossApp !== undefined || assertionFile !== undefined) {
    if (machine) {
      throw new UsageError(
        '--client-credentials is one grant, --id-token / --assertion-file another: pick one',
        usage,
      );
    }
    if (crossApp !== undefined && assertionFile !== undefined) {
      throw new UsageError(
        'Give --id-token (cross-app access) or --assertion-file, not both',
        usage,
      );
    }
    if (clientId === undefined) {
      throw new UsageError(
        `${crossApp ? '--id-token' : '--assertion-file'} needs --client-id (this client's id at the MCP server's authorization server)`,
        usage,
      );
    }
  }
  if (assertionFile !== undefined) {
    try {
      await readFile(assertionFile, 'utf8');
    } catch (error) {
      throw new UsageError(
        `Cannot read --assertion-file ${assertionFile}: ${(error as Error).message}`,
        usage,
      );
    }
  }
  if (machine && clientId === undefined) {
    throw new UsageError('--client-credentials needs --client-id', usage);
  }
  if (machine && clientSecret === undefined && keyFile === undefined) {
    throw new UsageError('--client-credentials needs --client-secret or --private-key FILE', usage);
  }
  if ((keyFile !== undefined || signingAlg !== undefined) && !machine) {
    throw new UsageError('--private-key and --signing-alg go with --client-credentials', usage);
  }
  if ((clientSecret !== undefined || keyFile !== undefined) && clientId === undefined) {
    throw new UsageError('--client-secret and --private-key need --client-id', usage);
  }
  let privateKey: string | undefined;
  if (keyFile !== undefined) {
    try {
      privateKey = await readFile(keyFile, 'utf8');
    } catch (error) {
      throw new UsageError(
        `Cannot read --private-key ${keyFile}: ${(error as Error).message}`,
        usage,
      );
    }
  }
  const scope = text('scope');
  const timeout = seconds(values.timeout, '--timeout', 300, usage);
  const storage = cliAuthStorage(io);
  const settings: CliLoginSettings = {
    grant: machine
      ? 'client_credentials'
      : crossApp !== undefined || assertionFile !== undefined
        ? 'jwt_bearer'
        : 'authorization_code',
    ...(scope !== undefined ? { scope } : {}),
    ...(crossApp !== undefined ? { crossApp } : {}),
    ...(assertionFile !== undefined ? { assertionFile: resolve(assertionFile) } : {}),
  };
  const assertion = assertionFor(settings);
  const options: OAuthProviderOptions = {
    grant: settings.grant,
    ...(assertion !== undefined ? { assertion } : {}),
    callbackTimeout: timeout,
    openAuthorizationUrl: urlOpener(io, values['no-browser'] !== true),
    ...(scope !== undefined ? { scope } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    ...(privateKey !== undefined ? { privateKey } : {}),
    ...(signingAlg !== undefined ? { signingAlg } : {}),
    ...(text('client-metadata-url') !== undefined
      ? { clientMetadataUrl: text('client-metadata-url') as string }
      : {}),
  };
  const provider = await cliAuthProvider(url, io, storage, options);
  await provider.login(url, io.interrupt);
  await storage.set(loginKey(url), settings);
  io.err(`Logged in to ${url}; the tokens are stored in ${storage.path}.\n`);
  return EXIT.ok;
}

// Cross-app access (Enterprise-Managed Authorization): the three flags go together.
function crossAppSettings(command: ParsedCommand): CliLoginSettings['crossApp'] {
  const { values, usage } = command;
  const names = ['idp-token-endpoint', 'idp-client-id', 'id-token'] as const;
  const given = names.filter((name) => typeof values[name] === 'string');
  if (given.length === 0) return undefined;
  const absent = names.filter((name) => !given.includes(name));
  if (absent.length > 0) {
    throw new UsageError(
      `Cross-app access needs --idp-token-endpoint URL --idp-client-id ID --id-token JWT; missing ${absent.map((name) => `--${name}`).join(', ')}`,
      usage,
    );
  }
  const idpTokenEndpoint = values['idp-token-endpoint'] as string;
  try {
    const parsed = new URL(idpTokenEndpoint);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error();
  } catch {
    throw new UsageError(`--idp-token-endpoint is not an http(s) URL: ${idpTokenEndpoint}`, usage);
  }
  return {
    idpTokenEndpoint,
    idpClientId: values['idp-client-id'] as string,
    idToken: values['id-token'] as string,
  };
}

/** The server URL: the positional argument, else --url, else MCP_SERVER_URL. */
export function serverUrlArgument(command: ParsedCommand, io: CliIO): string {
  const { values, positionals, usage } = command;
  if (positionals.length > 1) throw new UsageError('Give one server URL', usage);
  const url =
    positionals[0] ??
    (typeof values.url === 'string' ? values.url : undefined) ??
    (io.env.MCP_SERVER_URL || undefined);
  if (url === undefined) throw new UsageError('No server URL: mcp-sse login URL', usage);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
    return parsed.href;
  } catch {
    throw new UsageError(`Not an http(s) URL: ${url}`, usage);
  }
}
