/**
 * The scope to ask for, in the specification's order: what the application pins, else the
 * challenge's `scope`, else everything the resource lists in `scopes_supported`; on step-up
 * the scope already granted is kept so the new token does not lose it.
 */
export function selectScope(
  pinned: string | undefined,
  challenged: string | undefined,
  supported: string[] | undefined,
  granted?: string,
): string | undefined {
  const base = pinned ?? challenged ?? (supported?.length ? supported.join(' ') : undefined);
  if (base === undefined) return undefined;
  if (granted === undefined || challenged === undefined) return base;
  // A pinned scope must not hide what the 403 asks for, or the step-up would never succeed.
  const all = new Set(
    [granted, base, challenged].flatMap((list) => list.split(' ')).filter((s) => s !== ''),
  );
  return [...all].join(' ');
}

/**
 * Whether a granted scope holds every scope in `wanted`. Unknown (the server did not say
 * what it granted) counts as holding it, as before.
 */
export function coversScope(granted: string | undefined, wanted: string | undefined): boolean {
  if (granted === undefined || wanted === undefined) return true;
  const have = new Set(granted.split(' '));
  return wanted.split(' ').every((scope) => scope === '' || have.has(scope));
}
