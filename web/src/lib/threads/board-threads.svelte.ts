import { threadsOf, type CardReaction, type CommentThread } from '@journeyboard/board-model';
import { createContext } from 'svelte';
import { listMembers } from '#lib/api.ts';
import type { LiveBoard } from '#lib/board/live/live-board.svelte.ts';
import type { Mentionable } from './mentions.ts';
import {
  markFor,
  parseReadMarks,
  readMarksKey,
  totalMentions,
  unreadByCard,
  type CardUnread,
  type ReadMarks,
} from './unread.ts';

const NOTHING_UNREAD: CardUnread = Object.freeze({ comments: 0, mentions: 0 });
const NO_REACTIONS: readonly CardReaction[] = Object.freeze([]);

/**
 * The board's conversation as this person sees it: its threads, the open ones, what they have not
 * read (kept in this browser's localStorage, per board and person) and who can be mentioned. One
 * per board page, shared with every card through a context.
 */
export class BoardThreads {
  readonly board: LiveBoard;
  private marks = $state<ReadMarks>({});
  private members = $state.raw<Mentionable[]>([]);
  private membersAsked = false;
  private readonly storage: Storage | null;

  readonly threads: CommentThread[] = $derived.by(() => threadsOf(this.board.comments));
  /** Threads not resolved whose root is still there, latest activity first. */
  readonly openThreads: CommentThread[] = $derived.by(() =>
    this.threads.filter((t) => t.root !== null && !t.resolved).sort((a, b) => b.lastAt - a.lastAt),
  );
  readonly unread: Map<string, CardUnread> = $derived.by(() =>
    unreadByCard(this.board.comments, this.marks, this.board.access.userId),
  );
  /** The reactions of each card, grouped once per change rather than by every card. */
  private readonly reactionsByCard: Map<string, CardReaction[]> = $derived.by(() => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- made anew on each change, never changed after
    const byCard = new Map<string, CardReaction[]>();
    for (const reaction of this.board.reactions) {
      const list = byCard.get(reaction.cardId);
      if (list) list.push(reaction);
      else byCard.set(reaction.cardId, [reaction]);
    }
    return byCard;
  });
  /** Unread mentions of this person on the whole board. */
  readonly mentionCount: number = $derived(totalMentions(this.unread));

  constructor(board: LiveBoard, storage: Storage | null = browserStorage()) {
    this.board = board;
    this.storage = storage;
    this.marks = this.load();
  }

  /** Unread comments and mentions of this person on one card. */
  unreadOn(cardId: string): CardUnread {
    return this.unread.get(cardId) ?? NOTHING_UNREAD;
  }

  /** The reactions on one card. */
  reactionsOn(cardId: string): readonly CardReaction[] {
    return this.reactionsByCard.get(cardId) ?? NO_REACTIONS;
  }

  /** Records that this person has read every comment on `cardId` now shown. */
  markRead(cardId: string): void {
    const current = this.marks[cardId];
    const next = markFor(this.board.comments, cardId, current);
    if (next === current || next === 0) return;
    this.marks = { ...this.marks, [cardId]: next };
    const key = this.key();
    if (key === null || this.storage === null) return;
    try {
      // Merged with what another tab of the same person recorded meanwhile.
      const stored = parseReadMarks(this.storage.getItem(key));
      this.storage.setItem(key, JSON.stringify({ ...stored, [cardId]: Math.max(next, stored[cardId] ?? 0) }));
    } catch {
      // Storage full or refused (private browsing): the marks last as long as the page.
    }
  }

  /**
   * Everyone this person can mention: the board's members (asked of the server once), who is on
   * the board now, and who has written on it.
   */
  mentionable(): Mentionable[] {
    if (!this.membersAsked) {
      this.membersAsked = true;
      listMembers(this.board.boardId).then(
        ({ members }) => (this.members = members.map((m) => ({ userId: m.userId, name: m.displayName }))),
        // Without the list, the people present and the writers are still offered.
        () => undefined,
      );
    }
    const people: Mentionable[] = [...this.members];
    for (const person of this.board.presence.people)
      people.push({ userId: person.userId, name: person.name });
    for (const comment of this.board.comments)
      people.push({ userId: comment.authorId, name: comment.authorName });
    return people;
  }

  /** The name of `userId` as the board knows it, or null. */
  nameOf(userId: string): string | null {
    return this.mentionable().find((person) => person.userId === userId)?.name ?? null;
  }

  private key(): string | null {
    const { userId } = this.board.access;
    return userId === null ? null : readMarksKey(this.board.boardId, userId);
  }

  private load(): ReadMarks {
    const key = this.key();
    if (key === null || this.storage === null) return {};
    try {
      return parseReadMarks(this.storage.getItem(key));
    } catch {
      return {};
    }
  }
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const [getBoardThreads, setBoardThreads, hasBoardThreads] = createContext<BoardThreads>();

export { setBoardThreads };

/** The board's threads, or null outside a board (a card shown on its own). */
export function boardThreads(): BoardThreads | null {
  return hasBoardThreads() ? getBoardThreads() : null;
}
