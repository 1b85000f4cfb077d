// The live workshop's view of other people on a board: cursors, following and presenting,
// the card each edits, reaction bursts (see CONTEXT.md).
export { default as CursorLayer } from './CursorLayer.svelte';
export { default as FollowBar } from './FollowBar.svelte';
export { default as PresenceTools } from './PresenceTools.svelte';
export { PresenceView } from './presence-view.svelte.ts';
