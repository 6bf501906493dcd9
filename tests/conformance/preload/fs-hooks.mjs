// Resolve hook registered by glob-sync.mjs: `fs` and `node:fs` resolve to fs-shim.mjs for
// every module except the shim itself (which needs the real builtin).
const shim = new URL('./fs-shim.mjs', import.meta.url).href;

/** Redirects `fs` / `node:fs` to the shim. */
export async function resolve(specifier, context, nextResolve) {
  if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL !== shim) {
    return { url: shim, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
