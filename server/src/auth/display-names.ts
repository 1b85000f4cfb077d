/**
 * How two display names compare for "is that the same person?": the same letters once Unicode
 * forms are unified (NFC), case is ignored and spaces are trimmed and collapsed. "Olivia Owner",
 * " olivia  OWNER " and a decomposed "Olívia" all read alike on the board, so they are one name.
 */
export function displayNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

export function sameDisplayName(a: string, b: string): boolean {
  return displayNameKey(a) === displayNameKey(b);
}
