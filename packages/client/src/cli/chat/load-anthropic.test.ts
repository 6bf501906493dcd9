import { describe, expect, test } from 'vitest';
import { UsageError } from '../usage-error.js';
import { INSTALL_ANTHROPIC_HINT, loadAnthropic } from './load-anthropic.js';

describe('loadAnthropic', () => {
  test('loads the SDK when it is installed', async () => {
    const Anthropic = await loadAnthropic('chat');
    expect(typeof Anthropic).toBe('function');
  });

  test('a missing SDK is a usage error that says how to install it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@anthropic-ai/sdk'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await loadAnthropic('chat', () => Promise.reject(missing)).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('chat needs @anthropic-ai/sdk');
    expect(error.usage).toBe(INSTALL_ANTHROPIC_HINT);
    expect(error.usage).toContain('npm i @anthropic-ai/sdk');
  });

  test('other failures are not disguised', async () => {
    const broken = new Error('boom');
    await expect(loadAnthropic('chat', () => Promise.reject(broken))).rejects.toBe(broken);
  });
});
