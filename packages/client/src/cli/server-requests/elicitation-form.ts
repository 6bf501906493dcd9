import type { ElicitAnswer } from '../../features/handlers.js';
import type { CliIO } from '../io.js';
import { forTerminal } from '../terminal-text.js';

/** One property of a form elicitation's `requestedSchema` (flat, primitives only). */
interface FieldSchema {
  type?: string;
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  enumNames?: string[];
  oneOf?: { const?: unknown; title?: string }[];
  items?: { enum?: unknown[]; anyOf?: { const?: unknown; title?: string }[] };
  minimum?: number;
  maximum?: number;
  format?: string;
}

type Prompts = typeof import('@inquirer/prompts');

/**
 * Answers `elicitation/create` from the terminal. On a TTY: the server's message, then a
 * choice (fill in / decline / cancel) and one prompt per field (@inquirer/prompts, on
 * stderr so that stdout stays the command's output). Without a TTY nobody can answer:
 * declined at once, with a note, so that the server's call goes on instead of hanging.
 */
export async function askElicitation(
  params: Record<string, unknown>,
  io: CliIO,
  signal: AbortSignal,
): Promise<ElicitAnswer> {
  const clean = (text: unknown) => forTerminal(String(text ?? ''), true);
  if (!io.stdinIsTTY) {
    io.err(
      forTerminal(
        `mcp-sse: the server asked for input ("${String(params.message ?? '').slice(0, 200)}"); declined because stdin is not a terminal.\n`,
        io.stderrIsTTY,
      ),
    );
    return { action: 'decline' };
  }
  const prompts: Prompts = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: process.stderr, signal, clearPromptOnDone: false };
  try {
    io.err(`\nThe server asks: ${clean(params.message)}\n`);
    if (params.mode === 'url') {
      io.err(`URL: ${clean(params.url)}\n`);
      const ok = await prompts.confirm(
        { message: 'Open this URL yourself and continue?', default: false },
        context,
      );
      return { action: ok ? 'accept' : 'decline' };
    }
    const action = await prompts.select(
      {
        message: 'Answer?',
        choices: [
          { name: 'Fill in the form', value: 'accept' },
          { name: 'Decline', value: 'decline' },
          { name: 'Cancel', value: 'cancel' },
        ],
      },
      context,
    );
    if (action !== 'accept') return { action: action as 'decline' | 'cancel' };
    const schema = (params.requestedSchema ?? {}) as {
      properties?: Record<string, FieldSchema>;
      required?: string[];
    };
    const required = new Set(schema.required ?? []);
    const content: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(schema.properties ?? {})) {
      const value = await askField(prompts, context, name, field, required.has(name), clean);
      if (value !== undefined) content[name] = value;
    }
    return { action: 'accept', content };
  } catch (error) {
    // Ctrl-C inside a prompt (ExitPromptError) or the client closing (AbortPromptError).
    const name = (error as { name?: string }).name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError') return { action: 'cancel' };
    throw error;
  }
}

async function askField(
  prompts: Prompts,
  context: Parameters<Prompts['input']>[1],
  name: string,
  field: FieldSchema,
  required: boolean,
  clean: (text: unknown) => string,
): Promise<unknown> {
  const label = `${clean(field.title ?? name)}${field.description ? ` (${clean(field.description)})` : ''}${required ? '' : ' [optional]'}`;
  const choices = choicesOf(field, clean);
  if (field.type === 'array') {
    const items = choicesOf(field.items ?? {}, clean) ?? [];
    const defaults = Array.isArray(field.default) ? field.default : [];
    return prompts.checkbox(
      {
        message: label,
        choices: items.map((choice) => ({ ...choice, checked: defaults.includes(choice.value) })),
      },
      context,
    );
  }
  if (choices) {
    return prompts.select(
      {
        message: label,
        choices,
        ...(field.default !== undefined ? { default: field.default } : {}),
      },
      context,
    );
  }
  if (field.type === 'boolean') {
    return prompts.confirm(
      { message: label, default: typeof field.default === 'boolean' ? field.default : false },
      context,
    );
  }
  if (field.type === 'number' || field.type === 'integer') {
    return prompts.number(
      {
        message: label,
        required,
        ...(typeof field.default === 'number' ? { default: field.default } : {}),
        ...(field.minimum !== undefined ? { min: field.minimum } : {}),
        ...(field.maximum !== undefined ? { max: field.maximum } : {}),
        ...(field.type === 'integer' ? { step: 1 } : { step: 'any' as const }),
      },
      context,
    );
  }
  const text = await prompts.input(
    {
      message: label,
      required,
      ...(typeof field.default === 'string' ? { default: field.default } : {}),
    },
    context,
  );
  // An empty optional answer means "not given" (the library fills schema defaults).
  return text === '' && !required ? undefined : text;
}

function choicesOf(
  field: FieldSchema | { enum?: unknown[]; anyOf?: { const?: unknown; title?: string }[] },
  clean: (text: unknown) => string,
): { name: string; value: unknown }[] | undefined {
  const titled =
    'oneOf' in field && field.oneOf ? field.oneOf : 'anyOf' in field ? field.anyOf : undefined;
  if (titled) return titled.map((o) => ({ name: clean(o.title ?? o.const), value: o.const }));
  if (field.enum) {
    const names = 'enumNames' in field ? field.enumNames : undefined;
    return field.enum.map((value, i) => ({ name: clean(names?.[i] ?? value), value }));
  }
  return undefined;
}
