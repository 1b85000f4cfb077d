import { ApiError, getLink, type LinkInfo } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, parent }) => {
  const { me } = await parent();
  let link: LinkInfo | null = null;
  let broken: 'not-found' | 'unreachable' | null = null;
  try {
    link = await getLink(params.token, fetch);
  } catch (e) {
    broken = e instanceof ApiError && e.status === 404 ? 'not-found' : 'unreachable';
  }
  return { link, broken, me };
};
