/**
 * Why the server closes a document connection. Hocuspocus closes with the `code` and `reason` of
 * an error thrown from a hook; the provider shows the reason to the page.
 */
export interface CloseReason {
  code: number;
  reason: string;
}

export const MalformedMessage: CloseReason = { code: 4400, reason: 'Malformed message' };
export const UnknownDocument: CloseReason = { code: 4404, reason: 'Unknown document' };
export const BoardNotFound: CloseReason = { code: 4404, reason: 'Board not found' };
export const NotSaved: CloseReason = { code: 4503, reason: 'Storage unavailable: the change was not saved' };
