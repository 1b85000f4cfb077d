import { error, redirect } from '@sveltejs/kit';
import { ApiError, getBoard } from '#lib/api.ts';
import { signInPath } from '#lib/next-path.ts';
import { keepBoard, keptBoard, serverUnreachable } from '#lib/offline/kept-access.ts';
import { m } from '#lib/paraglide/messages.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, url, parent }) => {
  try {
    const board = await getBoard(params.id, fetch);
    keepBoard(board);
    return { board };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) redirect(307, signInPath(url.pathname));
    if (e instanceof ApiError && e.status === 404) error(404, m.board_not_found_title());
    // Offline: the board opens from this browser's copy, with the access its person last saw
    // (the server checks every change again when the connection returns).
    const { me } = await parent();
    const kept = serverUnreachable(e) && me.user ? keptBoard(me.user.id, params.id) : null;
    if (kept) return { board: kept };
    error(503, m.board_unreachable());
  }
};
