/** Placeholder: recorded exchanges are added with the protocol test vectors. */
export const fixtures: readonly unknown[] = [];
