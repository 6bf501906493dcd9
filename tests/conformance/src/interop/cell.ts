/** What every interop cell does: list the tools, then call `echo` and see the text back. */
export interface EchoClient {
  listToolNames(): Promise<string[]>;
  callEcho(message: string): Promise<string>;
  close(): Promise<void>;
}

/** One cell of the matrix: a client (in one of its modes) against a server. */
export interface InteropCell {
  /** `<client> -> <path>`, the key in expected-interop.json. */
  id: string;
  /** Runs the cell (against our server at `origin`, or a peer it starts); rejects with why. */
  run(origin: string): Promise<void>;
}

/** The outcome of one cell. */
export interface CellResult {
  id: string;
  ok: boolean;
  error?: string;
}

/** Lists tools, checks `echo` is there, calls it and checks the text comes back. */
export async function exerciseEcho(client: EchoClient): Promise<void> {
  try {
    const names = await client.listToolNames();
    if (!names.includes('echo')) throw new Error(`tools/list has no echo: ${names.join(', ')}`);
    const text = await client.callEcho('interop');
    if (!text.includes('interop')) throw new Error(`echo answered ${JSON.stringify(text)}`);
  } finally {
    await client.close();
  }
}

/** The text of a tool result's content blocks, joined. */
export function textOf(result: object): string {
  const content: unknown = 'content' in result ? result.content : undefined;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) =>
      typeof block === 'object' && block !== null && 'text' in block ? String(block.text) : '',
    )
    .join('');
}

/** Runs a cell bounded in time, never rejecting. */
export async function runCell(cell: InteropCell, origin: string, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([cell.run(origin), timeout]);
    return { id: cell.id, ok: true } satisfies CellResult;
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    return { id: cell.id, ok: false, error: message.split('\n')[0] } satisfies CellResult;
  } finally {
    clearTimeout(timer);
  }
}
