import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from './bearer-challenge.js';

describe('parseBearerChallenge', () => {
  it('reads resource_metadata, scope and error, quoted or not', () => {
    expect(
      parseBearerChallenge(
        'Bearer error="insufficient_scope", scope="a b", resource_metadata="https://x/.well-known/oauth-protected-resource/mcp"',
      ),
    ).toEqual({
      error: 'insufficient_scope',
      scope: 'a b',
      resourceMetadata: 'https://x/.well-known/oauth-protected-resource/mcp',
    });
    expect(parseBearerChallenge('bearer error=invalid_token')).toEqual({ error: 'invalid_token' });
  });

  it('skips other schemes and stops at the next challenge', () => {
    expect(parseBearerChallenge('Basic realm="x", Bearer scope="s", DPoP algs="ES256"')).toEqual({
      scope: 's',
    });
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseBearerChallenge(null)).toBeUndefined();
    expect(parseBearerChallenge(`Bearer scope="${'a'.repeat(10_000)}"`)).toBeUndefined();
  });
});
