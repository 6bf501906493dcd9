import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const depth = (branch: readonly Issue[]): number =>
  Math.max(0, ...branch.map((inner) => inner.path.length));

/**
 * Replaces a failed union of object shapes by the issues of the branch that came closest
 * (got deepest into the value, then had the fewest issues), so that `{ id: false, result: {} }`
 * reads as `id: expected a string or an integer` rather than a bare "Invalid input" at the
 * top. Unions of plain values keep their own message, which already lists the alternatives.
 */
function flatten(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  let best = issue.errors[0]!;
  for (const branch of issue.errors) {
    const deeper = depth(branch) - depth(best);
    if (deeper > 0 || (deeper === 0 && branch.length < best.length)) best = branch;
  }
  if (best.length === 0 || best.every((inner) => inner.path.length === 0)) return [issue];
  return best.flatMap((inner) => flatten({ ...inner, path: [...issue.path, ...inner.path] }));
}

const issuesOf = (error: z.ZodError): Issue[] => (error.issues as Issue[]).flatMap(flatten);

/**
 * Turns zod issues into one readable line per problem, each led by the path of the field
 * at fault (`params.name: expected string, received undefined`), so that an error says
 * which field to fix rather than only that something is wrong.
 */
export function formatIssues(error: z.ZodError, prefix?: string): string {
  return issuesOf(error)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The dotted path of the first failing field, or undefined when the value itself failed. */
export function firstIssuePath(error: z.ZodError): string | undefined {
  const path = issuesOf(error)[0]?.path;
  return path && path.length > 0 ? path.map(String).join('.') : undefined;
}
