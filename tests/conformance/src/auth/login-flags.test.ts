import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CLIENT_METADATA_URL, loginPlan } from './login-flags.js';

// What the driver hands `mcp-sse login` for each kind of scenario context, checked without
// spawning anything.
describe('loginPlan', () => {
  it('no context: a plain browser login', () => {
    expect(loginPlan('auth/metadata-default', {}, '/k')).toEqual({
      args: ['--timeout', '60'],
      files: {},
    });
  });

  it('pre-registered credentials, and the CIMD URL for basic-cimd', () => {
    expect(
      loginPlan('auth/pre-registration', { client_id: 'c', client_secret: 's' }, '/k').args,
    ).toEqual(['--timeout', '60', '--client-id', 'c', '--client-secret', 's']);
    expect(loginPlan('auth/basic-cimd', {}, '/k').args).toContain(CONFORMANCE_CLIENT_METADATA_URL);
  });

  it('client credentials with a private key written to a file', () => {
    const plan = loginPlan(
      'auth/client-credentials-jwt',
      { client_id: 'c', private_key_pem: 'PEM', signing_algorithm: 'ES256' },
      '/k',
    );
    expect(plan.files).toEqual({ '/k': 'PEM' });
    expect(plan.args).toEqual([
      ...['--timeout', '60', '--client-id', 'c', '--client-credentials'],
      ...['--private-key', '/k', '--signing-alg', 'ES256'],
    ]);
  });

  it('cross-app access and workload identity', () => {
    const crossApp = loginPlan(
      'auth/enterprise-managed-authorization',
      {
        client_id: 'c',
        client_secret: 's',
        idp_id_token: 'jwt',
        idp_token_endpoint: 'http://idp/token',
        idp_client_id: 'i',
      },
      '/k',
    );
    expect(crossApp.args).toEqual([
      ...['--timeout', '60', '--client-id', 'c', '--client-secret', 's', '--id-token', 'jwt'],
      ...['--idp-token-endpoint', 'http://idp/token', '--idp-client-id', 'i'],
    ]);
    const wif = loginPlan('auth/wif-jwt-bearer', { client_id: 'w', valid_jwt: 'jwt' }, '/k');
    expect(wif).toEqual({
      args: ['--timeout', '60', '--client-id', 'w', '--assertion-file', '/k'],
      files: { '/k': 'jwt' },
    });
  });
});
