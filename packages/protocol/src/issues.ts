import type { z } from 'zod';

/**
 * Turns zod issues into one readable line per problem, each led by the path of the field
 * at fault (`params.name: expected string, received undefined`), so that an error says
 * which field to fix rather than only that something is wrong.
 */
export function formatIssues(error: z.ZodError, prefix?: string): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The dotted path of the first failing field, or undefined when the value itself failed. */
export function firstIssuePath(error: z.ZodError): string | undefined {
  const path = error.issues[0]?.path;
  return path && path.length > 0 ? path.map(String).join('.') : undefined;
}
