// Runs inside Chromium: the client as a web page uses it, cross-origin, with fetch and
// web streams only. Every line it reports goes back to the test over POST /log.
import { connect, McpSseClientError } from '@mcp-sse/client';

const report = (line: string) => fetch('/log', { method: 'POST', body: line });

async function main(): Promise<void> {
  const sseUrl = new URL(location.href).searchParams.get('sse');
  if (!sseUrl) throw new Error('no ?sse= in the page URL');
  // ?transport=sse pins HTTP+SSE; without it the client negotiates (2026-07-28 first).
  // ?version= pins the protocol revision (2025-11-25 gives a Streamable HTTP session).
  const pinned = new URL(location.href).searchParams.get('transport');
  const version = new URL(location.href).searchParams.get('version');
  const client = await connect(sseUrl, {
    clientInfo: { name: 'browser-check', version: '0' },
    ...(pinned === 'sse' || pinned === 'streamable-http' ? { transport: pinned } : {}),
    ...(version ? { protocolVersion: version } : {}),
  });
  await report(
    `ready ${client.transportKind} ${client.protocolVersion} ${client.tools.map((t) => t.name).join(',')}`,
  );
  const sum = await client.callTool('add', { a: 2, b: 3 });
  await report(`add ${sum.content[0]?.type === 'text' ? sum.content[0].text : '?'}`);
  let progress = 0;
  const slept = await client.callTool('sleep', { ms: 300 }, { onProgress: () => progress++ });
  await report(`sleep ${slept.content[0]?.type === 'text' ? slept.content[0].text : '?'}`);
  await report(`progress ${progress}`);
  const controller = new AbortController();
  const cancelled = client.callTool('sleep', { ms: 10_000 }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 200);
  await cancelled.then(
    () => report('cancel not-rejected'),
    (error: unknown) =>
      report(`cancel ${McpSseClientError.isInstance(error) ? error.code : String(error)}`),
  );
  await client.close();
  await report('done');
}

main().catch((error: unknown) =>
  report(`error ${McpSseClientError.isInstance(error) ? error.code : ''} ${String(error)}`),
);
