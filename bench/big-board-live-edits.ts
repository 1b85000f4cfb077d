// Other people at work on the big board while the page is measured: a client of its own that
// edits the text or colour of random cards at a steady rate, through the real server.
import { CARD_COLOURS, laneDocName, setCardColour, updateCardText } from '@journeyboard/board-model';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type { LiveEdits } from './big-board-browser.ts';
import type { CellLayout } from './big-board-load.ts';
import { type Account, type BenchServer, SyncClient, waitForSaved } from './big-board-server.ts';

/**
 * Edits `perSecond` random cards a second, spread over every lane (text mostly, colour
 * sometimes), from a client that opens every lane of the board when started and leaves when
 * stopped.
 */
export function liveEdits(
  server: BenchServer,
  owner: Account,
  boardId: string,
  layout: CellLayout,
  perSecond: number,
): LiveEdits {
  const cardsByLane = new Map<string, string[]>();
  for (const [cell, ids] of Object.entries(layout)) {
    const laneId = cell.split(':')[0]!;
    cardsByLane.set(laneId, [...(cardsByLane.get(laneId) ?? []), ...ids]);
  }
  const laneIds = [...cardsByLane.keys()];
  let client: SyncClient | null = null;
  let providers: HocuspocusProvider[] = [];
  let timer: ReturnType<typeof setInterval> | null = null;
  let edits = 0;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  return {
    async start() {
      client = new SyncClient(server, owner);
      providers = await Promise.all(laneIds.map((id) => client!.open(laneDocName(boardId, id))));
      edits = 0;
      timer = setInterval(() => {
        const lane = Math.floor(random() * laneIds.length);
        const ids = cardsByLane.get(laneIds[lane]!)!;
        const cardId = ids[Math.floor(random() * ids.length)]!;
        const doc = providers[lane]!.document;
        edits++;
        if (edits % 5 === 0) setCardColour(doc, cardId, CARD_COLOURS[edits % CARD_COLOURS.length]!);
        else updateCardText(doc, cardId, `Edited live by someone else (${edits})`);
      }, 1000 / perSecond);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all(providers.map((p) => waitForSaved(p)));
      client?.destroy();
      client = null;
      return edits;
    },
  };
}
