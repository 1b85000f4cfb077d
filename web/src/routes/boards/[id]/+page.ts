import { error, redirect } from '@sveltejs/kit';
import { ApiError, getBoard } from '#lib/api.ts';
import { signInPath } from '#lib/next-path.ts';
import { m } from '#lib/paraglide/messages.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, url }) => {
  try {
    return { board: await getBoard(params.id, fetch) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) redirect(307, signInPath(url.pathname));
    if (e instanceof ApiError && e.status === 404) error(404, m.board_not_found_title());
    error(503, m.board_unreachable());
  }
};
