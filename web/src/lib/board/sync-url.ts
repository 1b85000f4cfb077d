/**
 * The address of the sync endpoint, on the page's own host. It names the board the socket is for
 * (the server reads nothing from it): a load balancer in front of several instances can route by
 * it, so that a board's people meet on one instance (docs/scaling.md).
 */
export function syncUrl(location: Pick<Location, 'protocol' | 'host'>, boardId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync?board=${encodeURIComponent(boardId)}`;
}
