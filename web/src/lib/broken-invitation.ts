import { ApiError } from './api.ts';

/** Why an invitation link shows no offer: each is told apart on its page. */
export type BrokenInvitation = 'not-found' | 'expired' | 'used' | 'refused' | 'unreachable';

/** What a refusal of the invitation API means for the invitation's page. */
export function brokenBy(error: unknown): BrokenInvitation {
  if (!(error instanceof ApiError)) return 'unreachable';
  if (error.status === 404) return 'not-found';
  if (error.status === 410) return 'expired';
  if (error.status === 409) return 'used';
  return error.status === 0 || error.status >= 500 ? 'unreachable' : 'refused';
}
