import { planTools } from '../tool-plan.js';
import { clientOf, type Step } from './types.js';

/** `tools/list`: what the server offers, and which tools the demo will use. */
export const listToolsStep: Step = {
  id: 'list-tools',
  title: 'List the tools (tools/list)',
  timeoutMs: 30_000,
  async run(ctx) {
    const tools = await clientOf(ctx).listTools({ signal: ctx.signal });
    for (const tool of tools) {
      const about = tool.description ?? tool.title ?? '';
      const short = about.length > 70 ? `${about.slice(0, 69)}…` : about;
      ctx.narrator.detail(`• ${tool.name}${short ? `: ${short}` : ''}`);
    }
    ctx.plan = planTools(tools);
    const names = tools.map((tool) => tool.name);
    return { status: 'ok', summary: `${tools.length} tools`, data: { tools: names } };
  },
};
