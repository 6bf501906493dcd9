/** Placeholder: the library arrives with its own issue. */
export const VERSION = "0.1.0";
