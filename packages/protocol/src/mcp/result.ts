import { z } from 'zod';
import { resultBase } from './fields.js';

/** A result with nothing in it, as `ping` and `logging/setLevel` answer. */
export const EmptyResultSchema = z.looseObject({ ...resultBase });
/** A result with nothing in it. */
export type EmptyResult = z.infer<typeof EmptyResultSchema>;
