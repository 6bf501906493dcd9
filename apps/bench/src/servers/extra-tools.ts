/**
 * Names and texts of the filler tools the `tools/list` cost scenario adds to every server:
 * the same count, names and descriptions everywhere, so the lists compare like with like.
 */

/** The name of filler tool `i`. */
export function fillerToolName(i: number): string {
  return `filler_${String(i).padStart(4, '0')}`;
}

/** The description of filler tool `i`: a sentence of ordinary length. */
export function fillerToolDescription(i: number): string {
  return `Filler tool number ${i}: looks a record up by its key and returns it as text.`;
}
