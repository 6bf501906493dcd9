import { MemoryAuthStorage, OAuthProvider, type OAuthProviderOptions } from '@mcp-sse/client';
import { browse } from '@mcp-sse/test-authorization-server';

/** Tokens as the client stores them (the fields the tests look at). */
export interface SeenTokens {
  access_token: string;
  refresh_token?: string;
  /** Epoch ms. */
  expires_at?: number;
}

/** Memory storage that remembers the last token set the client stored. */
export class RecordingStorage extends MemoryAuthStorage {
  /** The last tokens stored, if any. */
  last: SeenTokens | undefined;

  override async set(key: string, value: unknown): Promise<void> {
    if (typeof value === 'object' && value !== null && 'access_token' in value) {
      this.last = value as SeenTokens;
    }
    await super.set(key, value);
  }
}

/** A person at a browser: every authorization URL the client opens is followed and approved. */
export interface User {
  auth: OAuthProvider;
  storage: RecordingStorage;
  /** The authorization URLs opened (one per login). */
  opened: URL[];
}

/** An {@link OAuthProvider} whose "browser" approves every login at once. */
export function userAtBrowser(options: OAuthProviderOptions = {}): User {
  const storage = new RecordingStorage();
  const opened: URL[] = [];
  const auth = new OAuthProvider({
    ...options,
    storage,
    openAuthorizationUrl: async (url) => {
      opened.push(url);
      await browse(url);
    },
  });
  return { auth, storage, opened };
}

/** The text of a tool result's first block. */
export const textOf = (result: { content: unknown[] }): string =>
  (result.content[0] as { text: string }).text;

/**
 * Waits until the client counts `tokens` as expired. It renews 30 s before `expires_at`
 * (clock skew), so with the short lifetimes of these tests that is a few seconds.
 */
export async function untilStale(tokens: SeenTokens): Promise<void> {
  const at = (tokens.expires_at ?? 0) - 30_000;
  // Bounded: the lifetimes are configured in seconds, so this is a few seconds at most.
  while (Date.now() <= at) await new Promise((resolve) => setTimeout(resolve, 100));
}
