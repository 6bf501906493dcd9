import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from './bearer-challenge.js';

describe('parseBearerChallenge', () => {
  it('reads resource_metadata, scope and error, quoted or not', () => {
    expect(
      parseBearerChallenge(
        'Bearer error="insufficient_scope", scope="a b", resource_metadata="https://x/.well-known/oauth-protected-resource/mcp"',
      ),
    ).toEqual({
      scheme: 'bearer',
      error: 'insufficient_scope',
      scope: 'a b',
      resourceMetadata: 'https://x/.well-known/oauth-protected-resource/mcp',
    });
    expect(parseBearerChallenge('bearer error=invalid_token')).toEqual({
      scheme: 'bearer',
      error: 'invalid_token',
    });
  });

  it('reads a DPoP challenge (RFC 9449) the same way, and says it was one', () => {
    expect(
      parseBearerChallenge('DPoP error="use_dpop_nonce", resource_metadata="https://x/prm"'),
    ).toEqual({ scheme: 'dpop', error: 'use_dpop_nonce', resourceMetadata: 'https://x/prm' });
  });

  it('skips other schemes and stops at the next challenge', () => {
    expect(parseBearerChallenge('Basic realm="x", Bearer scope="s", DPoP algs="ES256"')).toEqual({
      scheme: 'bearer',
      scope: 's',
    });
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseBearerChallenge(null)).toBeUndefined();
    expect(parseBearerChallenge(`Bearer scope="${'a'.repeat(10_000)}"`)).toBeUndefined();
  });
});
