import { z } from 'zod';

/**
 * Experimental tasks of 2025-11-25: `params.task` of a request the requester wants run as a
 * task, with the lifetime it asks for in milliseconds.
 */
export const TaskMetadataSchema = z.looseObject({
  ttl: z.number().optional(),
});
/** `params.task` of a task-augmented request (2025-11-25). */
export type TaskMetadata = z.infer<typeof TaskMetadataSchema>;
