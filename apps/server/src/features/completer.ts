/** What a completer is told besides the value being typed. */
export interface CompletionContext {
  /** Values of the other arguments or template variables already filled in. */
  arguments: Record<string, string>;
}

/**
 * Completes one prompt argument or template variable for `completion/complete`: a fixed
 * list (filtered by prefix, case-insensitively) or a function of the partial value.
 */
export type Completer =
  | readonly string[]
  | ((value: string, context: CompletionContext) => readonly string[] | Promise<readonly string[]>);

/** At most this many values go in one completion (the spec's limit). */
export const MAX_COMPLETION_VALUES = 100;

/** Runs a completer; a fixed list is filtered by prefix. */
export async function runCompleter(
  completer: Completer,
  value: string,
  context: CompletionContext,
): Promise<readonly string[]> {
  if (typeof completer === 'function') return completer(value, context);
  const prefix = value.toLowerCase();
  return completer.filter((item) => item.toLowerCase().startsWith(prefix));
}
