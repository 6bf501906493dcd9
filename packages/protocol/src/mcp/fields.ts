// Member bundles that the message schemas spread into their shapes. Internal: the package
// entry point does not export them.
import { z } from 'zod';
import { CursorSchema, IconSchema, MetaSchema, ResultTypeSchema } from './common.js';

/**
 * Members every result may carry: `_meta` (with `io.modelcontextprotocol/serverInfo` in
 * 2026-07-28) and `resultType`, which 2026-07-28 requires and earlier revisions lack.
 */
export const resultBase = {
  _meta: MetaSchema.optional(),
  resultType: ResultTypeSchema.optional(),
};

/**
 * Caching hints of 2026-07-28 list, read and discover results: how long the result may be
 * reused and whether a shared cache may keep it. Optional here because earlier revisions
 * lack them.
 */
export const cacheFields = {
  ttlMs: z.number().optional(),
  cacheScope: z.enum(['public', 'private']).optional(),
};

/** The members of a paged result: a `nextCursor` while more pages follow. */
export const paginatedResultFields = {
  ...resultBase,
  nextCursor: CursorSchema.optional(),
};

/** The members that a tool, prompt, resource or implementation may show: icons. */
export const iconsField = { icons: z.array(IconSchema).optional() };
