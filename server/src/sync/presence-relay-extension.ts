import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server';
import { kindOf, parseDocName } from '@journeyboard/board-model';

/**
 * How long the server gathers a board's presence changes before relaying them, in ms. Each page
 * sends its cursor up to 15 times a second while it moves; relayed one by one, 40 people moving
 * are 600 messages a second to every person on the board, each its own WebSocket frame and send.
 * Gathered, every connection gets one message per window holding the latest state of each person
 * who changed in it (a state superseded within the window is not sent): about 25 messages a
 * second, whatever the crowd, for at most this much more delay.
 */
export const PRESENCE_RELAY_WINDOW_MS = 40;

/**
 * Relays presence in windows, using Hocuspocus's own batching of a document's broadcasts
 * (`Document.flushDelay`: a fixed window from the first change, awareness collapsed to each
 * client's latest state). Only on documents that carry presence (a board's structure document):
 * card edits, in the lane documents, are relayed at once. The structure document's own rare
 * edits (stages, lanes, personas) are relayed with its presence, within the same window; each
 * writer's "saved" answer is not delayed.
 */
export class PresenceRelayExtension implements Extension {
  extensionName = 'journeyboard-presence-relay';
  private readonly windowMs: number;

  constructor(windowMs = PRESENCE_RELAY_WINDOW_MS) {
    this.windowMs = windowMs;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocName(documentName);
    if (ref && kindOf(ref).carriesPresence) document.flushDelay = this.windowMs;
  }
}
