import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtScript } from './servers/kinds.js';

const cli = builtScript('cli')!;
const out = mkdtempSync(join(tmpdir(), 'mcp-sse-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 110_000 });
}

describe('mcp-sse-bench CLI', () => {
  it('exits 2 with the usage on a bad option or value', () => {
    for (const args of [['--bogus'], ['--only', 'nope'], ['--reps', '0'], ['--quick', '--smoke']]) {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('usage: mcp-sse-bench');
    }
  });

  it('runs a scenario, prints its table and writes the JSON', () => {
    const result = run('--smoke', '--only', 'decode', '--out', out, '--nice', '0');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('### SSE decoding');
    const saved = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    expect(saved.profile).toBe('smoke');
    expect(saved.decode).toHaveLength(1);
  });
});
