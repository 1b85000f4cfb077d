import { listBoards } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    return { boards: await listBoards(fetch), loadError: null };
  } catch (error) {
    return { boards: [], loadError: error instanceof Error ? error.message : String(error) };
  }
};
