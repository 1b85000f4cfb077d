import { describe, expect, it } from 'vitest';
import { BoardModelError } from './errors.ts';

describe('BoardModelError', () => {
  it('is an Error carrying a code, the field at fault and its limit', () => {
    const error = new BoardModelError('TEXT_TOO_LONG', 'Stage name is too long', {
      field: 'stageName',
      limit: 60,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BoardModelError');
    expect(error.message).toBe('Stage name is too long');
    expect(error.code).toBe('TEXT_TOO_LONG');
    expect(error.field).toBe('stageName');
    expect(error.limit).toBe(60);
  });

  it('leaves field and limit undefined when there are none', () => {
    const error = new BoardModelError('NOT_A_BOARD', 'No board here');
    expect(error.field).toBeUndefined();
    expect(error.limit).toBeUndefined();
  });
});
