import { clientOf, type Step } from './types.js';

/** The demo server's own note; any other server's first resource does as well. */
const PREFERRED_URI = 'demo://notes/welcome';

function clip(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `resources/list`, then `resources/read` of one of them. */
export const resourceStep: Step = {
  id: 'resource',
  title: 'Resources: list them, read one (resources/list, resources/read)',
  wire: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const client = clientOf(ctx);
    if (!client.serverCapabilities?.resources) {
      return { status: 'skip', summary: 'the server declares no resources capability' };
    }
    const resources = await client.listResources({ signal: ctx.signal });
    for (const resource of resources.slice(0, 5)) {
      ctx.narrator.detail(`• ${resource.uri} (${resource.mimeType ?? 'no type'}) ${resource.name}`);
    }
    const chosen = resources.find((r) => r.uri === PREFERRED_URI) ?? resources[0];
    if (!chosen) return { status: 'skip', summary: 'the server lists no resources' };
    const { contents } = await client.readResource(chosen.uri, { signal: ctx.signal });
    const first = contents[0];
    const shown =
      first === undefined
        ? 'no contents'
        : 'text' in first && typeof first.text === 'string'
          ? `"${clip(first.text)}"`
          : `[binary, ${String((first as { blob?: string }).blob?.length ?? 0)} base64 chars]`;
    return {
      status: 'ok',
      summary: `${resources.length} resource(s); ${chosen.uri} reads ${shown}`,
      data: { resources: resources.map((r) => r.uri), read: chosen.uri, parts: contents.length },
    };
  },
};
