import { describe, expect, it } from 'vitest';
import { resolveOAuthOptions } from './oauth-options.js';

const issuer = 'https://id.example.com';

describe('resolveOAuthOptions', () => {
  it('the resource defaults to the first audience, the audiences to the resource', () => {
    expect(resolveOAuthOptions({ issuer, resource: 'https://mcp.example.com/mcp' })).toMatchObject({
      resource: 'https://mcp.example.com/mcp',
      audiences: ['https://mcp.example.com/mcp'],
    });
    expect(
      resolveOAuthOptions({ issuer, audience: ['https://mcp.example.com/mcp', 'api://mcp'] }),
    ).toMatchObject({
      resource: 'https://mcp.example.com/mcp',
      audiences: ['https://mcp.example.com/mcp', 'api://mcp'],
    });
    expect(
      resolveOAuthOptions({
        issuer,
        resource: 'https://mcp.example.com/mcp',
        audience: 'api://mcp',
      }),
    ).toMatchObject({ resource: 'https://mcp.example.com/mcp', audiences: ['api://mcp'] });
  });

  it.each([
    [{ issuer }, /oauth.resource is required/],
    [{ issuer, audience: 'api://mcp' }, /oauth.resource is required/],
    [{ issuer, resource: 'mcp' }, /oauth.resource must be an absolute http/],
    [{ issuer, resource: 'https://x.test/mcp', audience: [] }, /oauth.audience must be/],
    [{ issuer, resource: 'https://x.test/mcp', audience: 'a b' }, /oauth.audience must be/],
  ])('refuses %j with invalid_options', (options, message) => {
    expect(() => resolveOAuthOptions(options as never)).toThrow(message);
  });
});
