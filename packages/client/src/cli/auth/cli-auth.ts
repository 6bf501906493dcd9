import type { AuthStorage } from '../../auth/auth-storage.js';
import { defaultAuthFilePath, FileAuthStorage } from '../../auth/file-auth-storage.js';
import { OAuthProvider, type OAuthProviderOptions } from '../../auth/oauth-provider.js';
import type { CliIO } from '../io.js';
import { openBrowser } from './open-browser.js';

/** What `login` remembers per server so later commands renew tokens the same way. */
export interface CliLoginSettings {
  grant: 'authorization_code' | 'client_credentials';
  scope?: string;
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

/**
 * The auth provider every CLI command uses: stored tokens and registrations, renewed the way
 * `login` set up. On a terminal a 401 starts the browser login; elsewhere it says to run
 * `mcp-sse login URL`.
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
  const interactive = io.stdinIsTTY && io.stderrIsTTY;
  return new OAuthProvider({
    storage,
    ...(settings?.grant ? { grant: settings.grant } : {}),
    ...(settings?.scope ? { scope: settings.scope } : {}),
    ...(interactive ? { openAuthorizationUrl: urlOpener(io, true) } : {}),
    interactionHint: `${serverUrl} needs an OAuth login: run \`mcp-sse login ${serverUrl}\` first.`,
    ...extra,
  });
}
