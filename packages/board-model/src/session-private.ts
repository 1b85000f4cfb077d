import { isValidId } from './ids.ts';

// Private mode, the session doc's `private` entry: while it is there, participants' new cards go
// into their own private doc (kinds/private-kind.ts), which nobody else opens, until the
// facilitator reveals them. The entry is absent when private mode is off; only the server writes it.

/** Private mode while it is on: who started it and when (the server's clock, ms since 1970). */
export interface PrivateModeEntry {
  on: true;
  /** The user id of the facilitator or owner who started it. */
  startedBy: string;
  startedAt: number;
}

/** The `private` entry as the server writes it when a facilitator starts private mode. */
export function privateModeEntry(startedBy: string, startedAt: number): PrivateModeEntry {
  if (!isValidId(startedBy)) throw new Error(`"${startedBy}" is not a user id`);
  if (!Number.isFinite(startedAt)) throw new Error('startedAt must be a time');
  return { on: true, startedBy, startedAt };
}

/** The `private` entry read from the session, or null when private mode is off (or it is malformed). */
export function readPrivateMode(value: unknown): PrivateModeEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const { on, startedBy, startedAt } = value as Record<string, unknown>;
  if (on !== true || typeof startedBy !== 'string' || !isValidId(startedBy)) return null;
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return null;
  return { on, startedBy, startedAt };
}
