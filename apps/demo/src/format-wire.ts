import { formatHttp, type HttpTrace } from './http-trace.js';
import type { WireTrace } from './narrator.js';

const MAX = 110;

function clip(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

function describe(data: unknown): string {
  if (data === undefined) return '';
  // A pushed tool list is long JSON; its names say what matters.
  if (Array.isArray(data) && data.every((item) => typeof item?.name === 'string')) {
    return `[${data.map((item: { name: string }) => item.name).join(', ')}]`;
  }
  if (typeof data === 'string') return data;
  return JSON.stringify(data) ?? '';
}

/** One readable line for a wire trace: an arrow for the direction, then what moved. */
export function formatWire(trace: WireTrace): string {
  const arrow = trace.direction === 'out' ? '→' : '←';
  const status = trace.status === undefined ? '' : ` ${trace.status}`;
  switch (trace.kind) {
    case 'open':
      return trace.direction === 'out'
        ? `${arrow} GET ${describe(trace.data) || 'SSE stream'}`
        : `${arrow} stream open${status} ${describe(trace.data)}`.trimEnd();
    case 'post':
      return trace.direction === 'out'
        ? clip(`${arrow} POST ${describe(trace.data)}`)
        : `${arrow} POST answered${status}`;
    case 'http':
      return clip(formatHttp(trace.data as HttpTrace));
    case 'comment':
      return clip(`${arrow} : ${describe(trace.data)}`);
    default:
      return clip(`${arrow} event: ${trace.name ?? 'message'}  ${describe(trace.data)}`);
  }
}
