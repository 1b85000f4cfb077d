import { ATTACHMENT_LIMITS } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { attachmentTypeOf, checkFile, formatBytes } from './attachment-checks.ts';

const MIB = 1024 * 1024;
const room = { usedBytes: 0, onCard: 0 };

describe('attachmentTypeOf', () => {
  it('takes the browser’s type when the server keeps it, whatever the name says', () => {
    expect(attachmentTypeOf({ name: 'board.jpeg', type: 'image/png' })).toBe('image/png');
    expect(attachmentTypeOf({ name: 'a', type: 'TEXT/VTT' })).toBe('text/vtt');
  });

  it('reads the extension only when the browser gives no type, or a vague one', () => {
    expect(attachmentTypeOf({ name: 'call.VTT', type: '' })).toBe('text/vtt');
    expect(attachmentTypeOf({ name: 'scan.pdf', type: 'application/octet-stream' })).toBe('application/pdf');
    expect(attachmentTypeOf({ name: 'page.html', type: '' })).toBeNull();
    expect(attachmentTypeOf({ name: 'logo.png', type: 'image/svg+xml' })).toBeNull();
    expect(attachmentTypeOf({ name: 'notes.md', type: 'text/markdown' })).toBeNull();
  });
});

describe('checkFile', () => {
  const png = (size: number) => ({ name: 'x.png', type: 'image/png', size });

  it('lets a file of a kept type within every limit go, with the type to send it as', () => {
    expect(checkFile(png(ATTACHMENT_LIMITS.bytes), room)).toEqual({ type: 'image/png' });
  });

  it('refuses before sending what the server would refuse', () => {
    expect(checkFile({ name: 'x.svg', type: 'image/svg+xml', size: 10 }, room)).toEqual({
      refused: { reason: 'type' },
    });
    expect(checkFile(png(0), room)).toEqual({ refused: { reason: 'empty' } });
    expect(checkFile(png(ATTACHMENT_LIMITS.bytes + 1), room)).toEqual({
      refused: { reason: 'too-large', limit: ATTACHMENT_LIMITS.bytes },
    });
    expect(checkFile(png(MIB), { usedBytes: ATTACHMENT_LIMITS.boardBytes - MIB + 1, onCard: 0 })).toEqual({
      refused: { reason: 'board-full', limit: ATTACHMENT_LIMITS.boardBytes },
    });
    expect(checkFile(png(1), { usedBytes: 0, onCard: ATTACHMENT_LIMITS.perCard })).toEqual({
      refused: { reason: 'card-full', limit: ATTACHMENT_LIMITS.perCard },
    });
  });

  it('takes only images for a photo, and counts no card for it', () => {
    expect(
      checkFile({ name: 'x.pdf', type: 'application/pdf', size: 5 }, { ...room, imagesOnly: true }),
    ).toEqual({
      refused: { reason: 'not-image' },
    });
    expect(checkFile(png(5), { usedBytes: 0, onCard: null, imagesOnly: true })).toEqual({
      type: 'image/png',
    });
  });
});

describe('formatBytes', () => {
  it('says a size in the reader’s locale', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(12.4 * MIB, 'vi')).toBe('12 MB');
    expect(formatBytes(2.25 * MIB, 'vi')).toBe('2,3 MB');
  });
});
