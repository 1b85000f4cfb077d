import { getMe, type Me } from '#lib/api.ts';
import { keepSignedIn, keptSignedIn, serverUnreachable } from '#lib/offline/kept-access.ts';
import type { LayoutLoad } from './$types';

// The board is a live Yjs document that only exists in the browser, so pages render there.
export const ssr = false;
export const prerender = false;

/** Who is signed in, for the top bar and every page; `invalidate('app:session')` asks again. */
export const load: LayoutLoad = async ({ fetch, depends }): Promise<{ me: Me }> => {
  depends('app:session');
  try {
    const me = await getMe(fetch);
    keepSignedIn(me);
    return { me };
  } catch (e) {
    // The server is unreachable: whoever was signed in here last (a board they kept opens
    // offline), or nobody; the pages say so when they load their own data.
    if (serverUnreachable(e)) return { me: keptSignedIn() };
    return { me: { user: null, boardId: null } };
  }
};
