/** Failures counted by kind (`http_404`, `stream_closed`, `wrong_result`, `rpc_-32602`...). */
export type ErrorCounts = Record<string, number>;

/** Adds one failure of `kind` to `counts`. */
export function countError(counts: ErrorCounts, kind: string): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
}

/** The total number of failures in `counts`. */
export function totalErrors(counts: ErrorCounts): number {
  let total = 0;
  for (const value of Object.values(counts)) total += value;
  return total;
}
