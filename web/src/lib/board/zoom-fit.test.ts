import { describe, expect, it } from 'vitest';
import { CARD_TEXT_PX, fits, MIN_CARD_TEXT_PX, nextFitZoom, readableZoom } from './zoom-fit.ts';

describe('zoom to fit', () => {
  it('never goes below the zoom where card text is 11 px on screen', () => {
    const zoom = readableZoom();
    expect(CARD_TEXT_PX * zoom).toBeGreaterThanOrEqual(MIN_CARD_TEXT_PX);
    expect(CARD_TEXT_PX * (zoom - 0.01)).toBeLessThan(MIN_CARD_TEXT_PX);
  });

  it('shrinks a grid that is too big by the larger of its overflows', () => {
    const measure = { contentWidth: 1500, contentHeight: 900, availableWidth: 1200, availableHeight: 600 };
    expect(nextFitZoom(1, measure, 0.5, 2)).toBe(0.666);
    expect(nextFitZoom(0.8, measure, 0.5, 2)).toBe(0.533);
  });

  it('stops at the floor and the ceiling', () => {
    const huge = { contentWidth: 6000, contentHeight: 4000, availableWidth: 1200, availableHeight: 600 };
    expect(nextFitZoom(1, huge, 0.73, 2)).toBe(0.73);
    const tiny = { contentWidth: 100, contentHeight: 100, availableWidth: 1200, availableHeight: 600 };
    expect(nextFitZoom(1, tiny, 0.73, 1.5)).toBe(1.5);
  });

  it('grows a grid that leaves room, up to what fits', () => {
    const small = { contentWidth: 1200, contentHeight: 400, availableWidth: 1200, availableHeight: 600 };
    expect(nextFitZoom(1, small, 0.5, 2)).toBe(1);
    const short = { contentWidth: 1000, contentHeight: 400, availableWidth: 1200, availableHeight: 600 };
    expect(nextFitZoom(1, short, 0.5, 2)).toBe(1.2);
  });

  it('counts a pixel of rounding as a fit', () => {
    expect(fits({ contentWidth: 1201, contentHeight: 600, availableWidth: 1200, availableHeight: 600 })).toBe(
      true,
    );
    expect(fits({ contentWidth: 1203, contentHeight: 600, availableWidth: 1200, availableHeight: 600 })).toBe(
      false,
    );
  });
});
