import { describe, expect, it } from 'vitest';
import { parseWith } from '../parse.js';
import { CancelledNotificationSchema } from './cancelled.js';
import {
  isLevelEnabled,
  LoggingMessageNotificationSchema,
  SetLevelRequestSchema,
} from './logging.js';
import { PingRequestSchema } from './ping.js';
import { isProgressNotification, ProgressNotificationSchema } from './progress.js';
import { EmptyResultSchema } from './result.js';
import {
  ClientNotificationSchema,
  ClientRequestSchema,
  ServerNotificationSchema,
} from './unions.js';

// The specification's examples (2025-11-25: ping, progress, cancellation, logging).
const ping = { jsonrpc: '2.0', id: '123', method: 'ping' };
const progress = {
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { progressToken: 'abc123', progress: 50, total: 100, message: 'Reticulating splines...' },
};
const cancelled = {
  jsonrpc: '2.0',
  method: 'notifications/cancelled',
  params: { requestId: '123', reason: 'User requested cancellation' },
};
const setLevel = { jsonrpc: '2.0', id: 1, method: 'logging/setLevel', params: { level: 'info' } };
const logMessage = {
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: {
    level: 'error',
    logger: 'database',
    data: { error: 'Connection failed', details: { host: 'localhost', port: 5432 } },
  },
};

describe('utility messages', () => {
  it('accept the specification examples', () => {
    expect(PingRequestSchema.parse(ping)).toEqual(ping);
    expect(EmptyResultSchema.parse({})).toEqual({});
    expect(ProgressNotificationSchema.parse(progress)).toEqual(progress);
    expect(
      isProgressNotification({
        ...progress,
        params: { progressToken: 0, progress: 0.25, total: 1 },
      }),
    ).toBe(true);
    expect(CancelledNotificationSchema.parse(cancelled)).toEqual(cancelled);
    expect(SetLevelRequestSchema.parse(setLevel)).toEqual(setLevel);
    expect(LoggingMessageNotificationSchema.parse(logMessage)).toEqual(logMessage);
  });

  it('route messages through the unions by method', () => {
    expect(ClientRequestSchema.safeParse(ping).success).toBe(true);
    expect(ClientRequestSchema.safeParse(setLevel).success).toBe(true);
    expect(ClientNotificationSchema.safeParse(cancelled).success).toBe(true);
    expect(ServerNotificationSchema.safeParse(logMessage).success).toBe(true);
    expect(ServerNotificationSchema.safeParse(progress).success).toBe(true);
    expect(ClientRequestSchema.safeParse({ ...ping, method: 'resources/list' }).success).toBe(true);
    expect(ClientRequestSchema.safeParse({ ...ping, method: 'no/such' }).success).toBe(false);
  });

  it.each([
    [ProgressNotificationSchema, { ...progress, params: { progress: 1 } }, 'params.progressToken'],
    [
      ProgressNotificationSchema,
      { ...progress, params: { progressToken: 't', progress: '1' } },
      'params.progress',
    ],
    [CancelledNotificationSchema, { ...cancelled, params: { reason: 'x' } }, 'params.requestId'],
    [SetLevelRequestSchema, { ...setLevel, params: { level: 'verbose' } }, 'params.level'],
    [LoggingMessageNotificationSchema, { ...logMessage, params: { level: 'info' } }, 'params.data'],
    [LoggingMessageNotificationSchema, { ...logMessage, params: { data: 1 } }, 'params.level'],
  ] as const)('reject a broken variant, naming the field (%#)', (schema, value, field) => {
    const parsed = parseWith(schema, value, 'message');
    expect(parsed.ok ? undefined : parsed.error.field).toBe(field);
  });

  it('accept log data of any JSON type, null included', () => {
    for (const data of [null, 0, '', [], 'text']) {
      expect(
        LoggingMessageNotificationSchema.safeParse({
          ...logMessage,
          params: { level: 'info', data },
        }).success,
      ).toBe(true);
    }
  });

  it('order log levels by severity', () => {
    expect(isLevelEnabled('error', 'warning')).toBe(true);
    expect(isLevelEnabled('info', 'warning')).toBe(false);
    expect(isLevelEnabled('debug', 'debug')).toBe(true);
  });
});
