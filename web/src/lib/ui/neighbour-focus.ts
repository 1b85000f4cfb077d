/**
 * Where focus goes when a row of a list is removed (a member, an invitation, a link): to the
 * nearest row after it that has a control, else the nearest before it, else `fallback` (the
 * control that makes a new row). Focus is never dropped to the page.
 */

/** The rows to try, nearest first: those after `removed` in `ids` (the order before removal), then those before. */
export function neighbours(ids: readonly string[], removed: string): string[] {
  const at = ids.indexOf(removed);
  if (at === -1) return [...ids];
  return [...ids.slice(at + 1), ...ids.slice(0, at).reverse()];
}

const CONTROLS = 'button:not(:disabled), select:not(:disabled), input:not(:disabled), a[href]';

/**
 * Focuses, in the first row of `neighbours(ids, removed)` still in `container`
 * (`[data-row="<id>"]`), the control that does what was just done (`[data-remove]`), else its
 * first control; else `fallback()`.
 */
export function focusNeighbour(
  container: ParentNode,
  ids: readonly string[],
  removed: string,
  fallback: () => HTMLElement | null | undefined,
): void {
  for (const id of neighbours(ids, removed)) {
    const row = container.querySelector(`[data-row="${CSS.escape(id)}"]`);
    const control =
      row?.querySelector<HTMLElement>(`[data-remove]:not(:disabled)`) ??
      row?.querySelector<HTMLElement>(CONTROLS);
    if (control) {
      control.focus();
      return;
    }
  }
  fallback()?.focus();
}
