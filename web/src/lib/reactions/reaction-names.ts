import type { ReactionEmoji } from '@journeyboard/board-model';
import { m } from '#lib/paraglide/messages.js';

/**
 * The spoken name of each reaction emoji, in the page's language: what a screen reader says for a
 * card's reactions and for the reaction-burst buttons (rather than the emoji's own Unicode name).
 */
export const REACTION_NAMES: Record<ReactionEmoji, () => string> = {
  '👍': m.reaction_name_thumbs_up,
  '❤️': m.reaction_name_heart,
  '🎉': m.reaction_name_celebrate,
  '😂': m.reaction_name_laugh,
  '😮': m.reaction_name_surprised,
  '🤔': m.reaction_name_thinking,
};
