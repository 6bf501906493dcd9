// Test support: the specification's own JSON Schema for each revision, vendored under
// test-data/spec/ (see its README for source and licence), compiled with Ajv.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The revisions vendored under test-data/spec/. */
export const REVISIONS = [
  '2024-11-05',
  '2025-03-26',
  '2025-06-18',
  '2025-11-25',
  '2026-07-28',
] as const;
/** One vendored revision. */
export type Revision = (typeof REVISIONS)[number];

const dataUrl = (revision: Revision, file: string): URL =>
  new URL(`../../test-data/spec/${revision}/${file}`, import.meta.url);

/** Reads a vendored JSON file of `revision`. */
export function readSpecJson<T>(revision: Revision, file: string): T {
  return JSON.parse(readFileSync(dataUrl(revision, file), 'utf8')) as T;
}

/** A validator of one revision's named definitions. */
export interface SpecSchema {
  /** The names of the revision's definitions. */
  readonly names: ReadonlySet<string>;
  /** The errors of `value` against definition `name` (empty when valid). */
  errors(name: string, value: unknown): string[];
}

const cache = new Map<Revision, SpecSchema>();

/** The compiled schema.json of `revision`: draft-07 before 2025-11-25, 2020-12 from then. */
export function specSchema(revision: Revision): SpecSchema {
  const cached = cache.get(revision);
  if (cached) return cached;
  const json = readSpecJson<Record<string, unknown>>(revision, 'schema.json');
  const modern = String(json.$schema).includes('2020-12');
  const ajv = modern
    ? new Ajv2020({ strict: false, allErrors: true })
    : new Ajv({ strict: false, allErrors: true });
  // ajv-formats ships CommonJS; its default export is the plugin function.
  (addFormats as unknown as (instance: object) => void)(ajv);
  const id = `mcp-${revision}.json`;
  ajv.addSchema(json, id);
  const defs = (modern ? json.$defs : json.definitions) as Record<string, unknown>;
  const pointer = modern ? '$defs' : 'definitions';
  const format = (list: ErrorObject[] | null | undefined): string[] =>
    (list ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  const schema: SpecSchema = {
    names: new Set(Object.keys(defs)),
    errors(name, value) {
      if (!(name in defs)) throw new Error(`${revision} schema.json has no definition ${name}`);
      const validate = ajv.getSchema(`${id}#/${pointer}/${name}`);
      if (!validate) throw new Error(`cannot compile ${name} of ${revision}`);
      return validate(value) ? [] : format(validate.errors);
    },
  };
  cache.set(revision, schema);
  return schema;
}
