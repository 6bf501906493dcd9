import { describe, expect, it } from 'vitest';
import { formatIssues } from '../issues.js';
import { JSONRPCErrorResponseSchema, JSONRPCMessageSchema } from '../jsonrpc.js';
import { type DocMessage, docMessages } from './doc-examples.js';
import { NOTIFICATIONS, REQUESTS } from './methods.js';
import { REVISIONS, type Revision, specSchema } from './spec-schemas.js';

// The pages' examples that stand for "any method" rather than a real one.
const PLACEHOLDER_METHODS = new Set(['some_method']);

/** Our schema for a doc message, and the value it applies to. */
function ours(message: DocMessage) {
  const { kind, method } = message;
  if (kind === 'error') return { schema: JSONRPCErrorResponseSchema, value: message.message };
  if (kind === 'result') {
    return { schema: method ? REQUESTS[method]?.result : undefined, value: message.message.result };
  }
  // The 2024-11-05 and 2025-03-26 pagination pages write a request without its id.
  const entry =
    kind === 'request'
      ? REQUESTS[method ?? '']?.request
      : (NOTIFICATIONS[method ?? '']?.schema ?? REQUESTS[method ?? '']?.request);
  return { schema: entry, value: message.message };
}

/** The specification's definition for a doc message in `revision`, when it has one. */
function specName(revision: Revision, message: DocMessage): string | undefined {
  const { kind, method } = message;
  const names = specSchema(revision).names;
  const name =
    kind === 'error'
      ? names.has('JSONRPCErrorResponse')
        ? 'JSONRPCErrorResponse'
        : 'JSONRPCError'
      : kind === 'result'
        ? REQUESTS[method ?? '']?.specResult
        : kind === 'request'
          ? REQUESTS[method ?? '']?.specRequest
          : NOTIFICATIONS[method ?? '']?.spec;
  return name !== undefined && names.has(name) ? name : undefined;
}

describe.each(REVISIONS)('the examples of the %s pages', (revision) => {
  const messages = docMessages(revision).filter(
    (message) => !PLACEHOLDER_METHODS.has(message.method ?? ''),
  );

  it('include enough messages to mean something', () => {
    expect(messages.length).toBeGreaterThanOrEqual(40);
  });

  it('are all JSON-RPC messages to us', () => {
    for (const { where, message } of messages) {
      expect(JSONRPCMessageSchema.safeParse(message).success, where).toBe(true);
    }
  });

  it.each(messages.map((message) => [message.where, message] as const))(
    'parse with our schema for their method: %s',
    (_where, message) => {
      const { schema, value } = ours(message);
      expect(schema, `no schema for ${message.kind} ${message.method}`).toBeDefined();
      const parsed = schema!.safeParse(value);
      expect(parsed.success ? '' : formatIssues(parsed.error)).toBe('');
    },
  );

  it('still validate against schema.json once read by us (we add nothing invalid)', () => {
    const spec = specSchema(revision);
    let checked = 0;
    for (const message of messages) {
      const name = specName(revision, message);
      const { schema, value } = ours(message);
      if (name === undefined || schema === undefined) continue;
      // Some examples on the pages are not valid against their own revision's schema (2026-07-28
      // requests without `_meta`, for one): what we write cannot be judged by them.
      if (spec.errors(name, value).length > 0) continue;
      expect(spec.errors(name, schema.parse(value)), `${message.where} as ${name}`).toEqual([]);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(25);
  }, 60_000);
});
