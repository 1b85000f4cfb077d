/**
 * The world the access tests start from: a template board with one person in every role, a lane
 * owned by Sales, one owned by Support, a shared lane and the talk doc; and the writes a test sends
 * to a document of each kind (a stage, a card, a comment carrying a marker text).
 */
import {
  addCard,
  addComment,
  addStage,
  laneDocName,
  newId,
  readBoard,
  readCards,
  readComments,
  structureDocName,
  talkDocName,
  type CardAuthor,
} from '@journeyboard/board-model';
import * as Y from 'yjs';
import { callApi, identityOf, type ApiAnswer } from './api-client.ts';
import {
  connectClient,
  createBoard,
  loadBoard,
  makeDataDir,
  OWNER_NAME,
  signUp,
  startServerProcess,
  type Identity,
  type ServerProcess,
} from './harness.ts';

export const SALES = 'dept-sales';
/** The name the board's guest joins by. */
const GUEST_NAME = 'Gia Guest';
export const SUPPORT = 'dept-support';

/** Everyone on the board, one per role (and both ways of being a participant and a viewer). */
export const PEOPLE = [
  'owner',
  'facilitator',
  'salesLead',
  'supportParticipant',
  'salesParticipant',
  'viewer',
  'watcher',
  'supportGuest',
] as const;
export type Person = (typeof PEOPLE)[number];

/** The documents of the board, one of each kind and lane ownership. */
export const DOCUMENTS = ['structure', 'salesLane', 'supportLane', 'sharedLane', 'talk'] as const;
export type BoardDocument = (typeof DOCUMENTS)[number];

export interface BoardWithEveryRole {
  server: ServerProcess;
  boardId: string;
  people: Record<Person, Identity>;
  docNames: Record<BoardDocument, string>;
  laneIds: { sales: string; support: string; shared: string };
  /** A stage of the board, for cards. */
  stageId: string;
  links: { join: { id: string; token: string }; watch: { id: string; token: string } };
  /** Each account's and guest's display name, by user id: what their comments must carry. */
  displayNames: Map<string, string>;
  /** The user ids of guests (joined by link): their comments carry the guest mark. */
  guests: ReadonlySet<string>;
  /** Each account's and guest's department on the board, by user id (null: none). */
  departments: Map<string, string | null>;
}

/** Members by invitation: role and department. */
const INVITED = {
  facilitator: { role: 'facilitator', departmentId: null },
  salesLead: { role: 'lead', departmentId: SALES },
  supportParticipant: { role: 'participant', departmentId: SUPPORT },
  salesParticipant: { role: 'participant', departmentId: SALES },
  viewer: { role: 'viewer', departmentId: null },
} as const;

/** The secret of an invitation link (`…/invite/<token>`). */
export function tokenOf(link: string): string {
  const token = /\/invite\/([^/?#]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`not an invitation link: ${link}`);
  return token;
}

/** Accepts the invitation of `link` as `as`, as its page does; anything but success stops the test. */
export async function acceptInvitation(server: ServerProcess, as: Identity, link: string): Promise<void> {
  const answer = await callApi(server, as, 'POST', '/api/invitations/accept', { token: tokenOf(link) });
  bodyOf(answer, 200, `accepting ${link}`);
}

/** The body of an answer the setup needs; any other status stops the test with what was said. */
function bodyOf<T>(answer: ApiAnswer<T>, status: number, what: string): T {
  if (answer.status !== status)
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * Starts a server and builds the board: the owner invites a facilitator, the lead of Sales, a
 * participant of Support and one of Sales, and a viewer, who then sign up and accept by the
 * invitation's link; a watcher comes by a
 * watch link and a guest by a join link (into Support); the owner adds a Sales and a Support lane.
 */
export async function boardWithEveryRole(): Promise<BoardWithEveryRole> {
  const server = await startServerProcess(await makeDataDir());
  const owner = server.owner;
  const { id: boardId } = await createBoard(server, 'Checkout journey', owner);
  const api = <T>(method: string, path: string, body: unknown, status: number, what: string) =>
    callApi<T>(server, owner, method, `/api/boards/${boardId}${path}`, body).then((answer) =>
      bodyOf(answer, status, what),
    );

  const invited = Object.entries(INVITED);
  const links = new Map<string, string>();
  for (const [person, grant] of invited) {
    const email = `${person}@journeyboard.test`;
    type Invited = { link: string };
    const { link } = await api<Invited>(
      'POST',
      '/invitations',
      { email, ...grant },
      201,
      `inviting ${person}`,
    );
    links.set(person, link);
  }
  const members = Object.fromEntries(
    await Promise.all(
      invited.map(async ([person]) => {
        const identity = await signUp(server.url, {
          email: `${person}@journeyboard.test`,
          password: `${person} password`,
          name: person,
        });
        await acceptInvitation(server, identity, links.get(person)!);
        return [person, identity];
      }),
    ),
  ) as Record<keyof typeof INVITED, Identity>;

  type NewLink = { link: { id: string; token: string } };
  const join = await api<NewLink>('POST', '/links', { kind: 'join' }, 201, 'making a join link');
  const watch = await api<NewLink>('POST', '/links', { kind: 'watch' }, 201, 'making a watch link');
  const watched = await callApi(server, null, 'POST', `/api/links/${watch.link.token}/watch`, {});
  bodyOf(watched, 201, 'watching by link');
  const joined = await callApi(server, null, 'POST', `/api/links/${join.link.token}/join`, {
    name: GUEST_NAME,
    departmentId: SUPPORT,
  });
  bodyOf(joined, 201, 'joining by link');

  const addLane = async (name: string, department: string) => {
    const lane = { name, kind: 'actions', department };
    return (await api<{ laneId: string }>('POST', '/lanes', lane, 201, `adding the lane ${name}`)).laneId;
  };
  const sales = await addLane('Sales follow-up', SALES);
  const support = await addLane('Support tickets', SUPPORT);
  const reader = connectClient(server, owner);
  const board = await loadBoard(reader, boardId);
  reader.destroy();
  const shared = board.lanes.find((lane) => lane.department === 'shared')!.id;
  const people: Record<Person, Identity> = {
    owner,
    ...members,
    watcher: await identityOf(server, watched.cookie!),
    supportGuest: await identityOf(server, joined.cookie!),
  };
  const displayNames = new Map<string, string>([
    [owner.userId!, OWNER_NAME],
    [people.supportGuest.userId!, GUEST_NAME],
    ...Object.keys(INVITED).map((person) => [people[person as Person].userId!, person] as const),
  ]);

  return {
    server,
    boardId,
    people,
    docNames: {
      structure: structureDocName(boardId),
      salesLane: laneDocName(boardId, sales),
      supportLane: laneDocName(boardId, support),
      sharedLane: laneDocName(boardId, shared),
      talk: talkDocName(boardId),
    },
    laneIds: { sales, support, shared },
    stageId: board.stages[0]!.id,
    links: { join: join.link, watch: watch.link },
    displayNames,
    guests: new Set([people.supportGuest.userId!]),
    departments: new Map<string, string | null>([
      [owner.userId!, null],
      [people.supportGuest.userId!, SUPPORT],
      ...Object.entries(INVITED).map(
        ([person, grant]) => [people[person as Person].userId!, grant.departmentId] as const,
      ),
    ]),
  };
}

/**
 * The author a card written by `person` carries, as the page stamps it: their id, name, department
 * and guest mark on the board. A watcher (no user) gets a made-up id: they write nothing.
 */
export function authorOf(world: BoardWithEveryRole, person: Identity): CardAuthor {
  const id = person.userId;
  if (id === null) return { id: newId(), name: 'Watcher', departmentId: null, guest: false };
  return {
    id,
    name: world.displayNames.get(id)!,
    departmentId: world.departments.get(id) ?? null,
    guest: world.guests.has(id),
  };
}

/** The kind of content a document holds: stages, cards or comments. */
function kindOf(document: BoardDocument): 'structure' | 'lane' | 'talk' {
  return document === 'structure' || document === 'talk' ? document : 'lane';
}

/**
 * The update a client that knows `base` sends to write `marker` into it: a stage named `marker`
 * (structure), a card (lane) or a comment (talk), the card or comment by `by` (the owner unless
 * told), as the page writes it.
 */
export function markerUpdate(
  world: BoardWithEveryRole,
  document: BoardDocument,
  base: Y.Doc,
  marker: string,
  by: Identity = world.server.owner,
): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  const kind = kindOf(document);
  if (kind === 'structure') addStage(copy, marker);
  else if (kind === 'lane')
    addCard(copy, { stageId: world.stageId, text: marker, author: authorOf(world, by) });
  else
    addComment(copy, {
      cardId: newId(),
      laneId: world.laneIds.shared,
      authorId: by.userId ?? newId(),
      authorName: (by.userId && world.displayNames.get(by.userId)) || 'Watcher',
      authorGuest: by.userId !== null && world.guests.has(by.userId),
      text: marker,
    });
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}

/** Every marker text in `doc`: stage names, card texts or comment texts. */
export function markersIn(document: BoardDocument, doc: Y.Doc): string[] {
  const kind = kindOf(document);
  if (kind === 'structure') return readBoard(doc).stages.map((stage) => stage.name);
  if (kind === 'lane') return readCards(doc).map((card) => card.text);
  return readComments(doc).map((comment) => comment.text);
}
