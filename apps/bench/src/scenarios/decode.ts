import { performance } from 'node:perf_hooks';
import { createSseDecoder, encodeSseMessage } from '@mcp-sse/protocol';
import { createParser } from 'eventsource-parser';

/** SSE decoding throughput of our decoder and of raw eventsource-parser on the same bytes. */
export interface DecodeResult {
  corpusMB: number;
  events: number;
  /** eventsource-parser alone: split into events, nothing else. */
  rawParserMBps: number;
  /** eventsource-parser plus `JSON.parse` of every event: what validation adds on top of. */
  rawJsonMBps: number;
  /** @mcp-sse/protocol `createSseDecoder`: split, JSON-parse and validate every message. */
  protocolDecoderMBps: number;
  /** Events each decoder reported; all must equal `events`. */
  counted: { raw: number; rawJson: number; protocol: number };
}

const CHUNK = 16 * 1024;

/** A stream as a busy MCP session sees it: responses and progress notifications, in bytes. */
function corpus(megabytes: number): { chunks: Uint8Array[]; events: number; bytes: number } {
  const parts: string[] = [];
  let size = 0;
  let events = 0;
  while (size < megabytes * 2 ** 20) {
    const json =
      events % 2 === 0
        ? JSON.stringify({
            jsonrpc: '2.0',
            id: events,
            result: { content: [{ type: 'text', text: `w${events % 32}-${events}` }] },
          })
        : JSON.stringify({
            jsonrpc: '2.0',
            method: 'notifications/progress',
            params: { progressToken: events, progress: events % 10, total: 10 },
          });
    const frame = encodeSseMessage(json);
    parts.push(frame);
    size += frame.length;
    events += 1;
  }
  const bytes = Buffer.from(parts.join(''), 'utf8');
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) chunks.push(bytes.subarray(at, at + CHUNK));
  return { chunks, events, bytes: bytes.length };
}

function decodeRaw(chunks: readonly Uint8Array[], parseJson = false): number {
  let count = 0;
  const parser = createParser({
    onEvent: (event) => {
      if (parseJson) JSON.parse(event.data);
      count += 1;
    },
  });
  const text = new TextDecoder();
  for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
  return count;
}

function decodeProtocol(chunks: readonly Uint8Array[]): number {
  let count = 0;
  const decoder = createSseDecoder((item) => {
    if (item.type === 'event') count += 1;
  });
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return count;
}

function bestOf(runs: number, fn: () => number): { ms: number; count: number } {
  let best = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    count = fn();
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, count };
}

/** Decodes the same corpus with both decoders (one warm-up pass, best of three timed). */
export function runDecode(megabytes: number): DecodeResult {
  const { chunks, events, bytes } = corpus(megabytes);
  const mb = bytes / 2 ** 20;
  decodeRaw(chunks);
  decodeRaw(chunks, true);
  decodeProtocol(chunks);
  const raw = bestOf(3, () => decodeRaw(chunks));
  const rawJson = bestOf(3, () => decodeRaw(chunks, true));
  const protocol = bestOf(3, () => decodeProtocol(chunks));
  return {
    corpusMB: mb,
    events,
    rawParserMBps: mb / (raw.ms / 1000),
    rawJsonMBps: mb / (rawJson.ms / 1000),
    protocolDecoderMBps: mb / (protocol.ms / 1000),
    counted: { raw: raw.count, rawJson: rawJson.count, protocol: protocol.count },
  };
}
