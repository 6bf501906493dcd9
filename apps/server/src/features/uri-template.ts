import { FeatureError } from './feature-error.js';

/*
 * RFC 6570 URI templates, levels 1 to 3 (`{var}`, `{+var}`, `{#var}`, `{.var}`, `{/var}`,
 * `{;var}`, `{?var}`, `{&var}`, several variables per expression). Level 4 modifiers
 * (`:3`, `*`) are refused at definition time: matching them back is ambiguous, and MCP
 * resource templates in the wild do not use them. Small enough to own; the libraries on npm
 * expand but few match, and matching is what `resources/read` needs.
 */

/** One operator's expansion rules (RFC 6570 section 3.2.1, appendix A). */
interface Operator {
  readonly first: string;
  readonly sep: string;
  readonly named: boolean;
  readonly ifEmpty: string;
  readonly reserved: boolean;
}

const OPERATORS: Record<string, Operator> = {
  '': { first: '', sep: ',', named: false, ifEmpty: '', reserved: false },
  '+': { first: '', sep: ',', named: false, ifEmpty: '', reserved: true },
  '#': { first: '#', sep: ',', named: false, ifEmpty: '', reserved: true },
  '.': { first: '.', sep: '.', named: false, ifEmpty: '', reserved: false },
  '/': { first: '/', sep: '/', named: false, ifEmpty: '', reserved: false },
  ';': { first: ';', sep: ';', named: true, ifEmpty: '', reserved: false },
  '?': { first: '?', sep: '&', named: true, ifEmpty: '=', reserved: false },
  '&': { first: '&', sep: '&', named: true, ifEmpty: '=', reserved: false },
};

type Part = string | { op: string; names: string[] };

const VARNAME = /^[A-Za-z0-9_]([A-Za-z0-9_.]|%[0-9A-Fa-f]{2})*$/;

function parse(template: string): Part[] {
  const parts: Part[] = [];
  let rest = template;
  while (rest !== '') {
    const open = rest.indexOf('{');
    if (open === -1) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf('}', open);
    if (close === -1) throw bad(template, 'an expression has no closing "}"');
    const body = rest.slice(open + 1, close);
    const op = body[0] !== undefined && body[0] in OPERATORS ? body[0] : '';
    const names = body.slice(op.length).split(',');
    for (const name of names) {
      if (!VARNAME.test(name)) {
        throw bad(
          template,
          `${JSON.stringify(name)} is not a supported variable (letters, digits, "_", "."; no ":n" or "*" modifiers)`,
        );
      }
    }
    parts.push({ op, names });
    rest = rest.slice(close + 1);
  }
  return parts;
}

function bad(template: string, why: string): FeatureError {
  return new FeatureError(
    'invalid_template',
    `Invalid URI template ${JSON.stringify(template)}: ${why}`,
  );
}

function encode(value: string, reserved: boolean): string {
  if (reserved) return encodeURI(value).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A parsed RFC 6570 template (levels 1-3) that expands variables and matches URIs back. */
export class UriTemplate {
  /** The template text as written. */
  readonly template: string;
  /** The variable names, in order of appearance. */
  readonly variables: readonly string[];
  readonly #parts: Part[];
  readonly #regex: RegExp;
  /** For each capture group: the variable names and operator it holds. */
  readonly #groups: Array<{ op: string; names: string[] }>;

  constructor(template: string) {
    if (typeof template !== 'string' || template === '') {
      throw bad(String(template), 'it must be a non-empty string');
    }
    this.template = template;
    this.#parts = parse(template);
    this.variables = this.#parts.flatMap((part) => (typeof part === 'string' ? [] : part.names));
    this.#groups = this.#parts.filter(
      (part): part is { op: string; names: string[] } => typeof part !== 'string',
    );
    let source = '^';
    for (const part of this.#parts) {
      if (typeof part === 'string') {
        source += escapeRegex(part);
        continue;
      }
      const op = OPERATORS[part.op]!;
      // Each expression is one lazy group; values are split on the separator afterwards.
      const chars = op.reserved ? '.' : op.named ? '[^#]' : '[^/?#&]';
      source += `(?:${escapeRegex(op.first)}(${chars}*?))?`;
    }
    this.#regex = new RegExp(`${source}$`);
  }

  /** Whether `text` is a template rather than a plain URI. */
  static isTemplate(text: string): boolean {
    return /\{[^}]*\}/.test(text);
  }

  /** Expands the template with `values`; undefined variables are left out, as RFC 6570 says. */
  expand(values: Record<string, string | readonly string[] | undefined>): string {
    let out = '';
    for (const part of this.#parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const op = OPERATORS[part.op]!;
      const pieces: string[] = [];
      for (const name of part.names) {
        const raw = values[name];
        if (raw === undefined) continue;
        const value =
          typeof raw === 'string'
            ? encode(raw, op.reserved)
            : raw.map((v) => encode(v, op.reserved)).join(',');
        if (!op.named) pieces.push(value);
        else pieces.push(value === '' ? `${name}${op.ifEmpty}` : `${name}=${value}`);
      }
      if (pieces.length > 0) out += op.first + pieces.join(op.sep);
    }
    return out;
  }

  /** The variables a URI was expanded from, or undefined when the URI does not fit. */
  match(uri: string): Record<string, string> | undefined {
    const found = this.#regex.exec(uri);
    if (found === null) return undefined;
    const result: Record<string, string> = {};
    for (let index = 0; index < this.#groups.length; index++) {
      const group = this.#groups[index]!;
      const text = found[index + 1];
      if (text === undefined) continue;
      const op = OPERATORS[group.op]!;
      const pieces = text === '' ? [''] : text.split(op.sep);
      if (op.named) {
        for (const piece of pieces) {
          const eq = piece.indexOf('=');
          const name = eq === -1 ? piece : piece.slice(0, eq);
          if (group.names.includes(name))
            result[name] = decode(eq === -1 ? '' : piece.slice(eq + 1));
        }
      } else if (group.names.length === 1) {
        result[group.names[0]!] = decode(text);
      } else {
        if (pieces.length > group.names.length) return undefined;
        pieces.forEach((piece, i) => {
          result[group.names[i]!] = decode(piece);
        });
      }
    }
    return result;
  }
}
