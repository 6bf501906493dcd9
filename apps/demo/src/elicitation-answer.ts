import type { ElicitAnswer } from '@mcp-sse/client';
import type { Narrator } from './narrator.js';

/** The name the demo's "user" gives. */
export const DEMO_NAME = 'Ada';

interface FieldSchema {
  type?: string;
  enum?: unknown[];
  default?: unknown;
}

/** A plausible value for one field of a form, as a user filling it in would give. */
function valueFor(name: string, field: FieldSchema): unknown {
  if (field.default !== undefined) return field.default;
  if (Array.isArray(field.enum) && field.enum.length > 0) return field.enum[0];
  if (field.type === 'number' || field.type === 'integer') return 1;
  if (field.type === 'boolean') return true;
  return name === 'name' ? DEMO_NAME : 'demo';
}

/**
 * The demo's elicitation handler: it says what the server asked, fills the form in as a
 * user would (a URL-mode request is declined: there is no browser to open), and says what
 * it answered.
 */
export function answerElicitation(
  narrator: Narrator,
  params: Record<string, unknown>,
): ElicitAnswer {
  const message = typeof params.message === 'string' ? params.message : '(no message)';
  if (params.mode === 'url') {
    narrator.detail(`the server asks to open ${String(params.url)}: "${message}"; declined`);
    return { action: 'decline' };
  }
  const schema = (params.requestedSchema ?? {}) as {
    properties?: Record<string, FieldSchema>;
    required?: string[];
  };
  const fields = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const names = fields.map(([name]) => `${name}${required.has(name) ? '*' : ''}`).join(', ');
  narrator.detail(`the server asks the user: "${message}" (form: ${names || 'no fields'})`);
  const content = Object.fromEntries(fields.map(([name, field]) => [name, valueFor(name, field)]));
  narrator.detail(`the user answers: accept ${JSON.stringify(content)}`);
  return { action: 'accept', content };
}
