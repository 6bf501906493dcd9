import { readFile } from 'node:fs/promises';
import { McpAuthError } from '../../auth/auth-error.js';
import type { AuthChallenge } from '../../auth/auth-provider.js';
import type { AuthStorage } from '../../auth/auth-storage.js';
import { crossAppAccessAssertion } from '../../auth/cross-app-access.js';
import { defaultAuthFilePath, FileAuthStorage } from '../../auth/file-auth-storage.js';
import type { AssertionSource } from '../../auth/jwt-bearer.js';
import {
  type OAuthGrant,
  OAuthProvider,
  type OAuthProviderOptions,
} from '../../auth/oauth-provider.js';
import type { CliIO } from '../io.js';
import { openBrowser } from './open-browser.js';

/** What `login` remembers per server so later commands renew tokens the same way. */
export interface CliLoginSettings {
  grant: OAuthGrant;
  scope?: string;
  /** jwt_bearer with a workload identity token: the file, read again at each renewal. */
  assertionFile?: string;
  /** jwt_bearer by cross-app access: the IdP and the user's ID token. */
  crossApp?: { idpTokenEndpoint: string; idpClientId: string; idToken: string };
}

/**
 * Set to `1` (or `true`), lets any command open `$BROWSER` for an OAuth login or a scope
 * step-up without a terminal: for automation whose `$BROWSER` completes the login itself.
 */
export const BROWSER_LOGIN_ENV = 'MCP_OAUTH_BROWSER';

/** The JWT bearer assertion a login set up: a token file, or cross-app access at the IdP. */
export function assertionFor(settings: CliLoginSettings): AssertionSource | undefined {
  if (settings.crossApp !== undefined) return crossAppAccessAssertion(settings.crossApp);
  const file = settings.assertionFile;
  if (file === undefined) return undefined;
  return async () => {
    try {
      return (await readFile(file, 'utf8')).trim();
    } catch (cause) {
      throw new McpAuthError(
        'token_failed',
        `Cannot read the assertion file ${file} (${(cause as Error).message}): log in again ` +
          'with `mcp-sse login URL --assertion-file FILE`.',
        { cause },
      );
    }
  };
}

/** The storage key of the login settings for `serverUrl`. */
export function loginKey(serverUrl: string): string {
  return `login:${new URL(serverUrl).href}`;
}

/** The credentials file of the CLI: `$XDG_CONFIG_HOME/mcp-sse/auth.json` or `~/.config/...`. */
export function cliAuthStorage(io: CliIO): FileAuthStorage {
  return new FileAuthStorage(defaultAuthFilePath(io.env as NodeJS.ProcessEnv));
}

/** Prints the authorization URL and, unless told not to, opens the browser. */
export function urlOpener(io: CliIO, browser: boolean): (url: URL) => void {
  return (url) => {
    io.err(
      `${browser ? 'Opening the browser to log in; if it does not open, visit' : 'To log in, visit'}:\n  ${url.href}\n`,
    );
    if (browser) openBrowser(url.href, io.env);
  };
}

// A refused step-up surfaces as the request's plain 403 ("the server refused the
// credentials"): say here why, and what to do, since only the provider knows.
class CliOAuthProvider extends OAuthProvider {
  readonly #io: CliIO;

  constructor(io: CliIO, options: OAuthProviderOptions) {
    super(options);
    this.#io = io;
  }

  override async authorize(challenge: AuthChallenge, signal?: AbortSignal): Promise<void> {
    try {
      await super.authorize(challenge, signal);
    } catch (error) {
      if (challenge.status === 403 && McpAuthError.isInstance(error)) {
        this.#io.err(`mcp-sse: the step-up to more scope failed: ${error.message}\n`);
      }
      throw error;
    }
  }
}

/**
 * The auth provider every CLI command uses: stored tokens and registrations, renewed the way
 * `login` set up. On a terminal (or with `MCP_OAUTH_BROWSER=1`) a 401 or a 403 asking for more
 * scope starts the browser login; elsewhere it says to run `mcp-sse login URL`.
 */
export async function cliAuthProvider(
  serverUrl: string,
  io: CliIO,
  storage: AuthStorage = cliAuthStorage(io),
  extra: OAuthProviderOptions = {},
): Promise<OAuthProvider> {
  const settings = (await storage.get(loginKey(serverUrl)).catch(() => undefined)) as
    | CliLoginSettings
    | undefined;
  const allowed = /^(1|true|yes)$/i.test(io.env[BROWSER_LOGIN_ENV] ?? '');
  const interactive = (io.stdinIsTTY && io.stderrIsTTY) || allowed;
  const assertion = settings ? assertionFor(settings) : undefined;
  return new CliOAuthProvider(io, {
    storage,
    ...(settings?.grant ? { grant: settings.grant } : {}),
    ...(settings?.scope ? { scope: settings.scope } : {}),
    ...(assertion ? { assertion } : {}),
    ...(interactive ? { openAuthorizationUrl: urlOpener(io, true) } : {}),
    interactionHint:
      `${serverUrl} needs an OAuth login or more scope: run \`mcp-sse login ${serverUrl}\` ` +
      `(with --scope "..." for more), or set ${BROWSER_LOGIN_ENV}=1 to let commands open ` +
      '$BROWSER without a terminal.',
    ...extra,
  });
}
