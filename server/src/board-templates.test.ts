import {
  buildTemplate,
  laneDocName,
  moveCardToLane,
  readBoard,
  readCard,
  readCards,
  structureDocName,
  TEMPLATE_IDS,
  type TemplateId,
} from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { callApi } from './testing/api-client.ts';
import {
  connectClient,
  listBoards,
  makeDataDir,
  ownerAuthor,
  startServerProcess,
  waitForSaved,
  waitUntil,
  type ServerProcess,
} from './testing/harness.ts';
import { editStore } from './testing/stored-rows.ts';

// A new board starts from a template: the server writes its structure doc and the lane docs of
// the template's cards, under the owner, with a record of each card, so that the owner's template
// cards behave like cards they wrote on the page.

const createFrom = (server: ServerProcess, body: Record<string, unknown>) =>
  callApi<{ id: string; code?: string; error?: string }>(server, server.owner, 'POST', '/api/boards', body);

/** The board's structure and the cards of each of its lanes, as a client opening it reads them. */
async function openBoard(server: ServerProcess, boardId: string) {
  const client = connectClient(server);
  const board = readBoard((await client.open(structureDocName(boardId))).document);
  const lanes = await Promise.all(
    board.lanes.map(async (lane) => ({
      lane,
      provider: await client.open(laneDocName(boardId, lane.id)),
    })),
  );
  return { client, board, lanes };
}

describe('creating a board from a template', () => {
  it('fills the structure and every lane with the template’s cards, under the owner, for each template', async () => {
    const server = await startServerProcess(await makeDataDir());
    for (const template of TEMPLATE_IDS) {
      const locale = template === 'b2bSaas' ? 'vi' : 'en';
      const created = await createFrom(server, { title: `From ${template}`, locale, template });
      expect(created.status, template).toBe(201);
      const built = buildTemplate(template, locale, `From ${template}`);
      const { board, lanes } = await openBoard(server, created.body.id);
      expect(
        board.stages.map((stage) =>
          stage.timeFrame ? { name: stage.name, timeFrame: stage.timeFrame } : stage.name,
        ),
      ).toEqual(built.board.stages);
      expect(board.lanes.map((lane) => [lane.name, lane.kind, lane.department])).toEqual(
        built.board.lanes.map((lane) => [lane.name, lane.kind, lane.department ?? 'shared']),
      );
      for (const [laneIndex, { lane, provider }] of lanes.entries()) {
        const expected = built.cards.filter((card) => card.laneIndex === laneIndex);
        const cards = readCards(provider.document);
        expect(
          cards
            .map((card) => [card.text, board.stages.findIndex((stage) => stage.id === card.stageId)])
            .sort(),
          `${template}: ${lane.name}`,
        ).toEqual(expected.map((card) => [card.text, card.stageIndex]).sort());
        for (const card of cards) expect(card.author).toEqual(ownerAuthor(server));
        // The typed fields came through the server's check as the template has them.
        const typed = (card: {
          text: string;
          channel?: unknown;
          severity?: unknown;
          score?: unknown;
          departments?: unknown;
        }) =>
          JSON.stringify([
            card.text,
            card.channel ?? null,
            card.severity ?? null,
            card.score ?? null,
            card.departments ?? [],
          ]);
        expect(cards.map(typed).sort()).toEqual(
          expected.map((card) => typed({ text: card.text, ...card.fields })).sort(),
        );
      }
      // A record of each card, under the owner, in its lane: what the card-author rule judges by.
      const records = await editStore(server, (db) =>
        db.selectFrom('card_authors').selectAll().where('board_id', '=', created.body.id).execute(),
      );
      expect(records).toHaveLength(built.cards.length);
      const laneOf = new Map(
        lanes.flatMap(({ lane, provider }) => readCards(provider.document).map((card) => [card.id, lane.id])),
      );
      for (const record of records) {
        expect(record).toMatchObject({
          author_id: server.owner.userId,
          author_department: null,
          lane_id: laneOf.get(record.card_id),
        });
      }
    }
    expect(await listBoards(server)).toHaveLength(TEMPLATE_IDS.length);
  });

  it('lets the owner move a template card to another lane, as one of their own', async () => {
    const server = await startServerProcess(await makeDataDir());
    const created = await createFrom(server, { title: 'Retail', template: 'b2cRetail' });
    const { board, lanes } = await openBoard(server, created.body.id);
    const [touchpoints, actions] = lanes;
    const card = readCards(touchpoints!.provider.document)[0]!;
    moveCardToLane(touchpoints!.provider.document, actions!.provider.document, card.id, {
      stageId: board.stages[0]!.id,
      index: 0,
    });
    await Promise.all([waitForSaved(touchpoints!.provider), waitForSaved(actions!.provider)]);
    const observer = await connectClient(server).open(laneDocName(created.body.id, actions!.lane.id));
    await waitUntil(() => readCard(observer.document, card.id) !== null, 'the moved card is seen');
    expect(readCard(observer.document, card.id)).toMatchObject({
      text: card.text,
      author: ownerAuthor(server),
    });
  });

  it('starts from the current journey when no template is named, and refuses an unknown one with its own code', async () => {
    const server = await startServerProcess(await makeDataDir());
    const created = await createFrom(server, { title: 'Default' });
    const { board } = await openBoard(server, created.body.id);
    expect(board.lanes.map((lane) => lane.name)).toEqual(
      buildTemplate('current', 'en', 'Default').board.lanes.map((lane) => lane.name),
    );
    const unknown = await createFrom(server, { title: 'Other', template: 'kanban' as TemplateId });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      code: 'UNKNOWN_TEMPLATE',
      error: `Template "kanban" is not known: use one of ${TEMPLATE_IDS.join(', ')}`,
    });
    const notText = await createFrom(server, { title: 'Other', template: 7 });
    expect(notText.status).toBe(400);
    expect(notText.body).toEqual({ code: 'INVALID_REQUEST', error: 'template must be text' });
    expect((await listBoards(server)).map((listed) => listed.title)).toEqual(['Default']);
  });
});
