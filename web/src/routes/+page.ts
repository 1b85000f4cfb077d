import { ApiError, listBoards } from '#lib/api.ts';
import { describeApiError } from '#lib/api-errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, depends }) => {
  depends('app:session');
  const { me } = await parent();
  // A watcher has a session but no user: their one board is listed too.
  if (!me.user && !me.boardId) return { boards: [], loadError: null };
  try {
    return { boards: await listBoards(fetch), loadError: null };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { boards: [], loadError: null };
    return { boards: [], loadError: describeApiError(error) };
  }
};
