import {
  REACTION_EMOJIS,
  runsBoard,
  type Department,
  type PresenceCursor,
  type PresenceViewport,
  type ReactionEmoji,
} from '@journeyboard/board-model';
import { untrack } from 'svelte';
import { on } from 'svelte/events';
import { isTyping } from '#lib/board/board-shortcuts.ts';
import type { BoardViewport } from '#lib/board/board-viewport.svelte.ts';
import { clampZoom } from '#lib/board/board-zoom.svelte.ts';
import type { LiveBoard } from '#lib/board/live/live-board.svelte.ts';
import { rememberChoice, rememberedChoice } from '#lib/board/remembered.ts';
import {
  boardPointAt,
  contentPosition,
  sameViewport,
  scrollToShow,
  viewportOf,
  type Offset,
} from './board-space.ts';
import { BURST_MS, BURST_WINDOW_MS, BURSTS_PER_WINDOW, MAX_BURSTS_SHOWN, newBursts } from './bursts.ts';
import { editorsByCard, sameEditors, setCardPresence, type CardEditor } from './card-presence.ts';
import { CursorAnimator } from './cursor-animator.ts';
import {
  NOT_FOLLOWING,
  clientOfPerson,
  follow,
  followPeers,
  presenterOf,
  stopFollowing,
  type FollowState,
  type Peer,
} from './follow.ts';
import { idleClients, untilNextIdle } from './idle.ts';
import { personColour } from './person-colour.ts';
import { RateLimit, Throttle } from './throttle.ts';

/** A cursor sent at most ~15 times a second. */
const CURSOR_INTERVAL_MS = 66;
/** A view sent at most 5 times a second. */
const VIEWPORT_INTERVAL_MS = 200;
const CURSORS_SHOWN = 'journeyboard.cursors-shown';
/** Keys that scroll the board or move the focus in it: pressed there, this person moves away. */
const NAVIGATION_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
  ' ',
]);

/** Someone whose cursor is drawn. */
export interface CursorPerson {
  clientId: number;
  name: string;
  colour: string;
}

/** A reaction floating up, where it started in the scroller's content. */
export interface ShownBurst {
  id: number;
  emoji: ReactionEmoji;
  x: number;
  y: number;
}

/**
 * The live workshop's view of other people on a board page: their cursors (sent, received and
 * drawn), the card each edits, following someone's view (chosen, a presentation, bring everyone),
 * presenting, and reaction bursts. Rules live in the pure modules beside it; this holds the state
 * and talks to the page (the scroller, the grid and the board's zoom) and to `LiveBoard`'s presence.
 * Made during the board component's set-up (it sets the cards' context and its effects).
 */
export class PresenceView {
  private readonly board: LiveBoard;
  private readonly viewport: BoardViewport;
  private readonly departments: () => readonly Department[];
  cursorsShown = $state(rememberedChoice(CURSORS_SHOWN, true));
  follow = $state.raw<FollowState>(NOT_FOLLOWING);
  presenting = $state(false);
  cursorPeople = $state.raw<readonly CursorPerson[]>([]);
  // Replaced whole (a new set), never changed in place.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  idle = $state.raw<ReadonlySet<number>>(new Set());
  bursts = $state.raw<readonly ShownBurst[]>([]);
  /** The size of the layer cursors are drawn in: the grid's, in the scroller's content. */
  layerSize = $state({ width: 0, height: 0 });

  /** This page is a watcher's: no name, so nothing of theirs is shown to others. */
  readonly watching = $derived.by(() => this.board.access.userId === null);
  /** Presents and brings everyone: the owner and facilitators. */
  readonly leads = $derived.by(() => !this.watching && runsBoard(this.board.access.role));
  /** Sends reaction bursts: everyone but viewers and watchers. */
  readonly reacts = $derived.by(() => this.board.permissions.canComment);
  /** Everyone else's presence (other tabs of this person's left out). */
  readonly others = $derived.by((): readonly Peer[] => {
    const self = this.board.access.userId;
    return this.board.peers.filter((peer) => self === null || peer.record.user.userId !== self);
  });
  /** The name of whom this page follows, and of who presents. */
  readonly followed = $derived(this.nameOf(this.follow.following?.clientId ?? null));
  readonly followedUserId = $derived(this.userOf(this.follow.following?.clientId ?? null));
  /** Who presents (their client), and their name: plain values, unchanged while cursors move. */
  readonly presenterId = $derived(presenterOf(this.others)?.clientId ?? null);
  readonly presenterName = $derived(this.nameOf(this.presenterId));
  /**
   * Who edits which card's text, for the cards: replaced only when that changes, so that the
   * cards are not drawn again for every cursor that moves.
   */
  // Replaced whole, never changed in place.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  editors = $state.raw<ReadonlyMap<string, readonly CardEditor[]>>(new Map());

  private scroller: HTMLElement | null = null;
  private grid: HTMLElement | null = null;
  private offset: Offset = { x: 0, y: 0 };
  private readonly animator = new CursorAnimator((point) => {
    const at = contentPosition(point, this.offset, this.viewport.zoom.level);
    return `translate3d(${at.x}px, ${at.y}px, 0)`;
  });
  private readonly cursorThrottle = new Throttle<PresenceCursor>(CURSOR_INTERVAL_MS, (cursor) =>
    this.board.setPresence({ cursor }),
  );
  private readonly viewportThrottle = new Throttle<null>(VIEWPORT_INTERVAL_MS, () => this.publishViewport());
  private readonly burstLimit = new RateLimit(BURSTS_PER_WINDOW, BURST_WINDOW_MS);
  // Bookkeeping, not rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly cursorsAt = new Map<number, PresenceCursor>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly lastMoves = new Map<number, number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly burstsSeen = new Map<number, number>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private gathers = 0;
  private burstCount = 0;
  private nextBurstId = 1;
  private lastPublished: PresenceViewport | null = null;
  /** The leader's view this page was last put at, and the zoom it set then. */
  private applied: PresenceViewport | null = null;
  private appliedZoom: number | null = null;
  private applyFrame = 0;
  /** The card whose text this page edits. */
  private editingCard: string | null = null;
  /** Where this person's pointer is on the board, while it is over it. */
  private ownCursor: PresenceCursor | null = null;

  constructor(board: LiveBoard, viewport: BoardViewport, departments: () => readonly Department[]) {
    this.board = board;
    this.viewport = viewport;
    this.departments = departments;
    setCardPresence({
      editorsOf: (cardId) => this.editors.get(cardId) ?? [],
      edit: (cardId) => {
        this.editingCard = cardId;
        this.board.setPresence({ editing: cardId });
        return () => {
          // Another card's editor may have opened since: that one is what this page edits now.
          if (this.editingCard !== cardId) return;
          this.editingCard = null;
          this.board.setPresence({ editing: null });
        };
      },
    });
    $effect(() => {
      const peers = this.others;
      untrack(() => this.onPeers(peers));
    });
    // A zoom this page did not make while following (the zoom buttons, keys, zoom to fit) is this
    // person moving away; every zoom is a new view to publish.
    $effect(() => {
      const level = this.viewport.zoom.level;
      untrack(() => {
        if (this.follow.following && level !== this.appliedZoom) this.stopFollowing();
        this.measureOffset();
        this.animator.redraw();
        this.viewportThrottle.push(null);
      });
    });
    // Someone whose role no longer runs the board stops presenting (the server drops it anyway).
    $effect(() => {
      if (this.leads || !untrack(() => this.presenting)) return;
      this.presenting = false;
      this.board.setPresence({ presenting: null });
    });
    $effect(() => () => {
      this.animator.stop();
      this.cursorThrottle.cancel();
      this.viewportThrottle.cancel();
      if (this.idleTimer !== null) clearTimeout(this.idleTimer);
      if (this.applyFrame !== 0) cancelAnimationFrame(this.applyFrame);
    });
  }

  /**
   * Sends this person's pointer over `scroller`, publishes their view as it changes, and stops
   * following when they scroll, wheel or navigate themselves. Returns a function that stops.
   */
  attach(scroller: HTMLElement, grid: HTMLElement): () => void {
    this.scroller = scroller;
    this.grid = grid;
    this.measureOffset();
    const moved = () => this.movedAway();
    const stops = [
      on(scroller, 'pointermove', (event) => this.pointerMoved(event)),
      on(scroller, 'pointerleave', () => this.pointerLeft()),
      on(scroller, 'scroll', () => this.viewportThrottle.push(null), { passive: true }),
      on(scroller, 'wheel', moved, { passive: true }),
      on(scroller, 'touchmove', moved, { passive: true }),
      // On the scroller itself, not on what is in it: its scroll bars.
      on(scroller, 'pointerdown', (event) => {
        if (event.target === scroller) moved();
      }),
      on(window, 'keydown', (event) => this.keyPressed(event)),
      // Another window or tab: the pointer is no longer over this board, whatever it last did.
      on(window, 'blur', () => this.pointerLeft()),
    ];
    const resizes = new ResizeObserver(() => {
      this.measureOffset();
      this.animator.redraw();
      this.viewportThrottle.push(null);
      // The board grew or the window changed (a page that just opened lays its cards out): the
      // leader's view is put at the centre again.
      if (this.follow.following) this.followLeader(true);
    });
    resizes.observe(scroller);
    resizes.observe(grid);
    this.viewportThrottle.push(null);
    // Following from before the board was shown (a presentation this page came into).
    if (this.follow.following) this.followLeader(true);
    return () => {
      for (const stop of stops) stop();
      resizes.disconnect();
      this.pointerLeft();
      this.scroller = this.grid = null;
    };
  }

  /** The element that draws `clientId`'s cursor (an attachment). */
  cursorElement(clientId: number): (element: HTMLElement) => () => void {
    return (element) => this.animator.bind(clientId, element);
  }

  toggleCursors(): void {
    this.cursorsShown = !this.cursorsShown;
    rememberChoice(CURSORS_SHOWN, this.cursorsShown);
  }

  /** Follows the view of the person `userId` (one of their tabs). */
  followPerson(userId: string): void {
    const clientId = clientOfPerson(this.others, userId);
    if (clientId === null) return;
    this.follow = follow(this.follow, clientId, 'chosen');
    this.followLeader(true);
  }

  /** Follows the presenter again, after this person moved away from the presentation. */
  followPresenter(): void {
    const presenter = this.presenterId;
    if (presenter === null) return;
    this.follow = follow(this.follow, presenter, 'presenting');
    this.followLeader(true);
  }

  stopFollowing(): void {
    this.follow = stopFollowing(this.follow);
    this.applied = null;
  }

  togglePresenting(): void {
    if (!this.leads) return;
    this.presenting = !this.presenting;
    if (this.presenting) {
      // The presenter leads: they follow no one (and a presentation of someone else is theirs to rejoin).
      this.stopFollowing();
      this.publishViewport();
    }
    this.board.setPresence({ presenting: this.presenting || null });
  }

  /** Brings everyone to this person's view: they jump here and follow. */
  gather(): void {
    if (!this.leads) return;
    this.publishViewport();
    this.board.setPresence({ gather: ++this.gathers });
  }

  /** Sends a reaction burst (at most a few in a row), shown here at once too. */
  react(emoji: ReactionEmoji): boolean {
    if (!this.reacts || !REACTION_EMOJIS.includes(emoji)) return false;
    if (!this.burstLimit.take(performance.now())) return false;
    this.board.setPresence({ burst: { emoji, n: ++this.burstCount } });
    this.showBurst(emoji, this.ownCursor);
    return true;
  }

  private nameOf(clientId: number | null): string {
    return this.others.find((peer) => peer.clientId === clientId)?.record.user.name ?? '';
  }

  private userOf(clientId: number | null): string | null {
    return this.others.find((peer) => peer.clientId === clientId)?.record.user.userId ?? null;
  }

  private onPeers(peers: readonly Peer[]): void {
    const before = this.follow.following;
    const next = followPeers(this.follow, peers);
    if (next !== this.follow) this.follow = next;
    const editors = editorsByCard(peers, (user) =>
      personColour(user.userId, user.departmentId, this.departments()),
    );
    if (!sameEditors(editors, this.editors)) this.editors = editors;
    const now = performance.now();
    for (const burst of newBursts(this.burstsSeen, peers)) {
      const sender = peers.find((peer) => peer.clientId === burst.clientId);
      this.showBurst(burst.emoji, sender?.record.cursor ?? null);
    }
    const people: CursorPerson[] = [];
    // Bookkeeping of this call, not rendered.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const present = new Set<number>();
    for (const { clientId, record } of peers) {
      // Watchers have no name: their pointers are not shown.
      if (record.user.watcher || record.cursor === null) continue;
      present.add(clientId);
      const was = this.cursorsAt.get(clientId);
      if (!was || was.x !== record.cursor.x || was.y !== record.cursor.y) {
        this.cursorsAt.set(clientId, record.cursor);
        this.lastMoves.set(clientId, now);
        this.animator.moveTo(clientId, record.cursor);
      }
      const colour = personColour(record.user.userId, record.user.departmentId, this.departments());
      people.push({ clientId, name: record.user.name, colour });
    }
    for (const clientId of this.cursorsAt.keys()) {
      if (present.has(clientId)) continue;
      this.cursorsAt.delete(clientId);
      this.lastMoves.delete(clientId);
      this.animator.forget(clientId);
    }
    if (!sameCursorPeople(this.cursorPeople, people)) this.cursorPeople = people;
    this.checkIdle();
    const after = this.follow.following;
    if (after) this.followLeader(after.clientId !== before?.clientId);
  }

  /** Puts this page at the view of whom it follows, in the next frame (`jump`: even if it seems there). */
  private followLeader(jump: boolean): void {
    const clientId = this.follow.following?.clientId;
    const leader = this.others.find((peer) => peer.clientId === clientId)?.record.viewport ?? null;
    if (leader === null) return;
    if (!jump && sameViewport(this.applied, leader)) return;
    this.applied = leader;
    if (this.applyFrame === 0)
      this.applyFrame = requestAnimationFrame(() => {
        this.applyFrame = 0;
        this.applyView();
      });
  }

  private applyView(): void {
    const { scroller, applied } = this;
    if (!scroller || !applied || !this.follow.following) {
      // Not shown yet: put there once the board is (`attach`).
      this.applied = null;
      return;
    }
    const zoom = clampZoom(applied.zoom);
    this.appliedZoom = zoom;
    if (zoom !== this.viewport.zoom.level) this.viewport.zoom.zoomTo(zoom);
    const size = { width: scroller.clientWidth, height: scroller.clientHeight };
    const { left, top } = scrollToShow(applied, size, this.offset, zoom);
    // Glided within a screen, jumped farther (where a glide would be a long blur).
    const near =
      Math.abs(left - scroller.scrollLeft) < size.width && Math.abs(top - scroller.scrollTop) < size.height;
    scroller.scrollTo({ left, top, behavior: near ? 'smooth' : 'instant' });
  }

  private pointerMoved(event: PointerEvent): void {
    const { grid } = this;
    if (!grid || this.watching) return;
    const box = grid.getBoundingClientRect();
    const cursor = boardPointAt(event.clientX, event.clientY, box.left, box.top, this.viewport.zoom.scale);
    this.ownCursor = cursor;
    this.cursorThrottle.push(cursor);
  }

  private pointerLeft(): void {
    this.cursorThrottle.cancel();
    if (this.ownCursor === null) return;
    this.ownCursor = null;
    this.board.setPresence({ cursor: null });
  }

  private keyPressed(event: KeyboardEvent): void {
    if (!this.follow.following) return;
    if (event.key === 'Escape') {
      if (!event.defaultPrevented && !document.querySelector('dialog[open]')) this.stopFollowing();
      return;
    }
    const target = event.target;
    if (
      NAVIGATION_KEYS.has(event.key) &&
      !isTyping(target) &&
      target instanceof Node &&
      this.scroller?.contains(target)
    )
      this.movedAway();
  }

  /** This person scrolled, wheeled or navigated themselves: they no longer follow. */
  private movedAway(): void {
    if (this.follow.following) this.stopFollowing();
  }

  private publishViewport(): void {
    const { scroller } = this;
    const zoom = this.viewport.zoom;
    // Not during a zoom gesture: its end lays the grid out at the new zoom, and publishes that.
    if (!scroller || this.watching || zoom.shown !== zoom.level) return;
    const view = viewportOf(
      {
        left: scroller.scrollLeft,
        top: scroller.scrollTop,
        width: scroller.clientWidth,
        height: scroller.clientHeight,
      },
      this.offset,
      zoom.level,
    );
    if (sameViewport(view, this.lastPublished)) return;
    this.lastPublished = view;
    this.board.setPresence({ viewport: view });
  }

  /** Where the grid starts in the scroller's content (its padding), and how big it is. */
  private measureOffset(): void {
    const { scroller, grid } = this;
    if (!scroller || !grid || this.viewport.zoom.shown !== this.viewport.zoom.level) return;
    const outer = scroller.getBoundingClientRect();
    const inner = grid.getBoundingClientRect();
    this.offset = {
      x: inner.left - outer.left - scroller.clientLeft + scroller.scrollLeft,
      y: inner.top - outer.top - scroller.clientTop + scroller.scrollTop,
    };
    const width = Math.ceil(this.offset.x + inner.width);
    const height = Math.ceil(this.offset.y + inner.height);
    if (width !== this.layerSize.width || height !== this.layerSize.height)
      this.layerSize = { width, height };
  }

  private checkIdle(): void {
    const now = performance.now();
    const idle = idleClients(this.lastMoves, now);
    if (!sameSet(idle, this.idle)) this.idle = idle;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    const wait = untilNextIdle(this.lastMoves, now);
    this.idleTimer = wait === null ? null : setTimeout(() => this.checkIdle(), wait + 20);
  }

  /** Floats `emoji` up from `from` (a board point), or from the middle of this page's view. */
  private showBurst(emoji: ReactionEmoji, from: PresenceCursor | null): void {
    const { scroller } = this;
    if (!scroller) return;
    const at = from
      ? contentPosition(from, this.offset, this.viewport.zoom.level)
      : {
          x: scroller.scrollLeft + scroller.clientWidth / 2,
          y: scroller.scrollTop + scroller.clientHeight / 2,
        };
    const burst: ShownBurst = { id: this.nextBurstId++, emoji, x: at.x, y: at.y };
    this.bursts = [...this.bursts, burst].slice(-MAX_BURSTS_SHOWN);
    setTimeout(() => (this.bursts = this.bursts.filter((shown) => shown !== burst)), BURST_MS);
  }
}

function sameCursorPeople(a: readonly CursorPerson[], b: readonly CursorPerson[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.clientId === b[i]!.clientId && p.name === b[i]!.name && p.colour === b[i]!.colour)
  );
}

function sameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}
