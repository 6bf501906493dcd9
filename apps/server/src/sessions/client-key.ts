/**
 * Who a client is for the per-client bounds (sessions open, unread bytes): its principal
 * when it authenticated, else its address (everyone behind one NAT or proxy shares it).
 */
export function clientKey(principalId: string | null, address: string): string {
  return principalId === null ? `address:${address}` : `principal:${principalId}`;
}
