/** The board's own keyboard shortcuts (those of the grid are in `grid-navigation.ts`). */
export type BoardShortcut = 'zoomIn' | 'zoomOut' | 'zoomReset' | 'zoomFit' | 'help' | 'undo' | 'redo';

/** A key press, as `KeyboardEvent` describes it. */
export interface ShortcutKey {
  key: string;
  /** The physical key: Shift+1 is `!` on one keyboard and something else on another. */
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * The shortcut `event` asks for, or null. Ctrl (or Cmd) with `=`, `-` or `0` zooms the board
 * instead of the page, wherever the focus is (they type nothing); Ctrl/Cmd+Z undoes and
 * Shift+Ctrl/Cmd+Z or Ctrl/Cmd+Y redo, Shift+1 zooms to fit and `?` lists the shortcuts, only
 * while the person is not typing into a field (a field keeps its own undo).
 */
export function boardShortcut(event: ShortcutKey, typing: boolean): BoardShortcut | null {
  if (event.altKey) return null;
  if (event.ctrlKey || event.metaKey) {
    if (event.key === '=' || event.key === '+' || event.code === 'NumpadAdd') return 'zoomIn';
    if (event.key === '-' || event.key === '_' || event.code === 'NumpadSubtract') return 'zoomOut';
    if (event.key === '0' || event.code === 'Digit0' || event.code === 'Numpad0') return 'zoomReset';
    if (typing) return null;
    const key = event.key.toLowerCase();
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !event.shiftKey) return 'redo';
    return null;
  }
  if (typing) return null;
  if (event.shiftKey && (event.code === 'Digit1' || event.key === '!')) return 'zoomFit';
  if (event.key === '?') return 'help';
  return null;
}

/** Whether keys pressed in `target` type text (so that `?` or `n` are letters there, not shortcuts). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}
