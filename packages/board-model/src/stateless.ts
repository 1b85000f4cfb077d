/**
 * The stateless messages the server sends a page over a document's connection (Hocuspocus's
 * `sendStateless`), as JSON `{ type }`: defined once, for the server that sends and the page that
 * reads them.
 */
export const STATELESS_TYPES = [
  /** The person's role or department changed: fetch the access again. */
  'access-changed',
] as const;
export type StatelessType = (typeof STATELESS_TYPES)[number];

/** The payload of a stateless message of `type`. */
export function statelessMessage(type: StatelessType): string {
  return JSON.stringify({ type });
}

/** The type of a stateless payload, or null when it is not one of ours. */
export function readStateless(payload: string): StatelessType | null {
  try {
    const message: unknown = JSON.parse(payload);
    const type =
      typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : null;
    return (STATELESS_TYPES as readonly unknown[]).includes(type) ? (type as StatelessType) : null;
  } catch {
    return null;
  }
}
