// One person's standing on one board, as the server resolves it, is an API type of the board
// model (the page reads the same): the rules of what a role may do live there too, in roles.ts.
export type { BoardAccess } from '@journeyboard/board-model';
