import { redirect } from '@sveltejs/kit';
import { signInPath } from '#lib/next-path.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  const { me } = await parent();
  if (me.user?.kind !== 'account') redirect(307, signInPath(url.pathname));
  return { user: me.user };
};
