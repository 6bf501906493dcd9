import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { GatewayError } from './gateway-error.js';
import { SCRIPTED_CHILD } from './test-gateway.js';

describe('a stdio server that does not start', () => {
  it('fails the app start with a GatewayError naming the reason', { timeout: 60_000 }, async () => {
    const missing = await buildApp({ stdio: { command: 'no-such-program-mcp-sse' } }).catch(
      (error: unknown) => error,
    );
    expect(GatewayError.isInstance(missing)).toBe(true);
    expect((missing as GatewayError).code).toBe('child_start_failed');
    expect((missing as Error).message).toMatch(/ENOENT/);
    const dies = await buildApp({
      stdio: {
        command: SCRIPTED_CHILD,
        env: { ...process.env, SCRIPTED_CHILD_FAIL_AT_START: '1' },
      },
    }).catch((error: unknown) => error);
    expect((dies as Error).message).toMatch(/exited with code 7/);
  });

  it('refuses bad options with a clear message', async () => {
    await expect(buildApp({ stdio: { command: [] } })).rejects.toThrow(/non-empty list/);
    await expect(buildApp({ stdio: { command: 'x', mode: 'pool' as 'shared' } })).rejects.toThrow(
      /"session" or "shared"/,
    );
    await expect(buildApp({ stdio: { command: 'x', maxChildren: 0 } })).rejects.toThrow(
      /maxChildren must be a whole number from 1/,
    );
  });
});
