import { describe, expect, it } from 'vitest';
import { parseCli } from '../cli/parse-cli.js';

describe('mcp-sse-server --redis-url / REDIS_URL', () => {
  it('takes the flag before the environment, and nothing means in memory', () => {
    const run = (argv: string[], env: NodeJS.ProcessEnv) => {
      const parsed = parseCli(argv, env);
      return parsed.kind === 'run' ? parsed.config.redisUrl : parsed;
    };
    expect(run([], {})).toBeUndefined();
    expect(run([], { REDIS_URL: '' })).toBeUndefined();
    expect(run([], { REDIS_URL: 'redis://10.0.0.5:6379/2' })).toBe('redis://10.0.0.5:6379/2');
    expect(run(['--redis-url', 'rediss://cache:6380'], { REDIS_URL: 'redis://x' })).toBe(
      'rediss://cache:6380',
    );
  });

  it('refuses a value that is not a redis URL with a usage error', () => {
    expect(parseCli(['--redis-url', 'localhost:6379'], {})).toEqual({
      kind: 'error',
      message: expect.stringMatching(/--redis-url \(REDIS_URL\) must look like redis:\/\//),
    });
  });
});
