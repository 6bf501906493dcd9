// Test support: the JSON examples of the specification's pages, sorted into messages with
// the method each is about (a response is paired with the request of the same id before it
// on the same page).
import { type Revision, readSpecJson } from './spec-schemas.js';

/** One JSON block of a page. */
export interface DocExample {
  page: string;
  index: number;
  value: unknown;
}

/** A JSON-RPC message among the examples, with the method it concerns. */
export interface DocMessage {
  /** `page#index`, for test names. */
  where: string;
  kind: 'request' | 'notification' | 'result' | 'error';
  method: string | undefined;
  message: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The examples of `revision` that are single JSON-RPC messages. */
export function docMessages(revision: Revision): DocMessage[] {
  const examples = readSpecJson<DocExample[]>(revision, 'doc-examples.json');
  const messages: DocMessage[] = [];
  const pending = new Map<string, string>();
  let page = '';
  for (const { page: from, index, value } of examples) {
    if (from !== page) {
      page = from;
      pending.clear();
    }
    if (!isObject(value) || value.jsonrpc !== '2.0') continue;
    const where = `${from}#${index}`;
    if (typeof value.method === 'string') {
      if ('id' in value) {
        pending.set(JSON.stringify(value.id), value.method);
        messages.push({ where, kind: 'request', method: value.method, message: value });
      } else {
        messages.push({ where, kind: 'notification', method: value.method, message: value });
      }
    } else if ('result' in value) {
      // Tool pages show a result on its own now and then; only tools/call answers `content`.
      const method =
        pending.get(JSON.stringify(value.id)) ??
        (isObject(value.result) && 'content' in value.result ? 'tools/call' : undefined);
      messages.push({ where, kind: 'result', method, message: value });
    } else if ('error' in value) {
      messages.push({ where, kind: 'error', method: undefined, message: value });
    }
  }
  return messages;
}
