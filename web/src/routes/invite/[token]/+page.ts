import { getInvitation, type InvitationOffer } from '#lib/api.ts';
import { brokenBy, type BrokenInvitation } from '#lib/broken-invitation.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, parent }) => {
  const { me } = await parent();
  let offer: InvitationOffer | null = null;
  let broken: BrokenInvitation | null = null;
  let error: unknown = null;
  try {
    offer = await getInvitation(params.token, fetch);
  } catch (e) {
    broken = brokenBy(e);
    error = e;
  }
  return { offer, broken, error, me };
};
