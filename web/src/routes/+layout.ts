import { getMe, type Me } from '#lib/api.ts';
import type { LayoutLoad } from './$types';

// The board is a live Yjs document that only exists in the browser, so pages render there.
export const ssr = false;
export const prerender = false;

/** Who is signed in, for the top bar and every page; `invalidate('app:session')` asks again. */
export const load: LayoutLoad = async ({ fetch, depends }): Promise<{ me: Me }> => {
  depends('app:session');
  try {
    return { me: await getMe(fetch) };
  } catch {
    // The server is unreachable: the pages say so when they load their own data.
    return { me: { user: null, boardId: null } };
  }
};
