import { describe, expect, it } from 'vitest';
import { boardShortcut, type ShortcutKey } from './board-shortcuts.ts';

const press = (key: string, code: string, modifiers: Partial<ShortcutKey> = {}): ShortcutKey => ({
  key,
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('board shortcuts', () => {
  it('Ctrl or Cmd with =, - and 0 zoom the board, even while typing', () => {
    expect(boardShortcut(press('=', 'Equal', { ctrlKey: true }), false)).toBe('zoomIn');
    expect(boardShortcut(press('+', 'Equal', { ctrlKey: true, shiftKey: true }), true)).toBe('zoomIn');
    expect(boardShortcut(press('+', 'NumpadAdd', { metaKey: true }), false)).toBe('zoomIn');
    expect(boardShortcut(press('-', 'Minus', { metaKey: true }), true)).toBe('zoomOut');
    expect(boardShortcut(press('0', 'Digit0', { ctrlKey: true }), false)).toBe('zoomReset');
  });

  it('Shift+1 zooms to fit, by the physical key whatever the layout types', () => {
    expect(boardShortcut(press('!', 'Digit1', { shiftKey: true }), false)).toBe('zoomFit');
    expect(boardShortcut(press('1', 'Digit1', { shiftKey: true }), false)).toBe('zoomFit');
    expect(boardShortcut(press('1', 'Digit1'), false)).toBeNull();
  });

  it('? opens the list of shortcuts', () => {
    expect(boardShortcut(press('?', 'Slash', { shiftKey: true }), false)).toBe('help');
  });

  it('a person typing types ! and ?', () => {
    expect(boardShortcut(press('!', 'Digit1', { shiftKey: true }), true)).toBeNull();
    expect(boardShortcut(press('?', 'Slash', { shiftKey: true }), true)).toBeNull();
  });

  it('Ctrl or Cmd with Z undoes, with Shift+Z or Y redoes, but not in a field, which keeps its own undo', () => {
    expect(boardShortcut(press('z', 'KeyZ', { ctrlKey: true }), false)).toBe('undo');
    expect(boardShortcut(press('z', 'KeyZ', { metaKey: true }), false)).toBe('undo');
    expect(boardShortcut(press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(boardShortcut(press('y', 'KeyY', { ctrlKey: true }), false)).toBe('redo');
    expect(boardShortcut(press('Y', 'KeyY', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(boardShortcut(press('z', 'KeyZ', { ctrlKey: true }), true)).toBeNull();
    expect(boardShortcut(press('y', 'KeyY', { ctrlKey: true }), true)).toBeNull();
    expect(boardShortcut(press('z', 'KeyZ', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });

  it('leaves other keys and Alt combinations alone', () => {
    expect(boardShortcut(press('c', 'KeyC', { ctrlKey: true }), false)).toBeNull();
    expect(boardShortcut(press('=', 'Equal', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(boardShortcut(press('n', 'KeyN'), false)).toBeNull();
  });
});
