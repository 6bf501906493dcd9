/** Which `Host` headers may reach the server; `'*'` lets every host through. */
export type AllowedHosts = readonly string[] | '*';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The host name of a `Host` header, lower case, without the port. */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end === -1 ? lower : lower.slice(0, end + 1);
  }
  const colon = lower.indexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** Whether a socket's local address is a loopback one (the server was reached on loopback). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return true; // injected requests have no socket address
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * Whether a request's `Host` header may reach us. A page that rebinds its DNS name to
 * 127.0.0.1 reaches a loopback server with its own name as Host: so when the request came
 * in on a loopback address, only loopback names pass by default. On any other address
 * the check is off unless `allowed` lists hosts. Names in `allowed` match without the port.
 */
export function isHostAllowed(
  host: string | undefined,
  allowed: AllowedHosts | undefined,
  localAddress: string | undefined,
): boolean {
  if (allowed === '*') return true;
  if (allowed === undefined && !isLoopbackAddress(localAddress)) return true;
  if (host === undefined) return false;
  const name = hostName(host);
  if (allowed === undefined) return LOOPBACK_NAMES.has(name);
  return allowed.some((entry) => hostName(entry) === name);
}
