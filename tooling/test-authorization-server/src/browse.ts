/**
 * A test "browser": follows the authorization server's redirects (keeping its cookies) until
 * a page without a redirect (the loopback callback). At most 10 hops.
 */
export async function browse(start: URL): Promise<Response> {
  const cookies = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    if (location === null) return response;
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error(`more than 10 redirects from ${start.href}`);
}
