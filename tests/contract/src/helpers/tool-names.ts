/** The names one peer gives the scenario's tools, and how to ask for a slow call. */
export interface PeerTools {
  echo: string;
  add: string;
  /** The slow tool with progress and its arguments for a call of about `ms`. */
  slow: string;
  slowArgs(ms: number): Record<string, unknown>;
}

/** Our server, the official-SDK peer and the Python-style peer: echo, add, sleep. */
export const standardTools: PeerTools = {
  echo: 'echo',
  add: 'add',
  slow: 'sleep',
  slowArgs: (ms) => ({ ms }),
};

/** server-everything: echo, get-sum, trigger-long-running-operation (seconds and steps). */
export const everythingTools: PeerTools = {
  echo: 'echo',
  add: 'get-sum',
  slow: 'trigger-long-running-operation',
  slowArgs: (ms) => ({ duration: ms / 1000, steps: Math.max(2, Math.round(ms / 100)) }),
};

/** The text of a tool result's text blocks, joined. */
export function resultText(result: object): string {
  const content = (result as { content?: unknown }).content;
  const blocks = Array.isArray(content) ? content : [];
  return blocks
    .filter((block): block is { type: 'text'; text: string } => block?.type === 'text')
    .map((block) => block.text)
    .join(' ');
}
