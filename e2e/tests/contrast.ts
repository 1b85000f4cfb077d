import type { Page } from '@playwright/test';

/** One control's contrast: its text (or icon) against what is behind it, and its focus ring's. */
export interface ControlContrast {
  name: string;
  text: number;
  /** Null when focus shows no outline. */
  focusRing: number | null;
}

/**
 * The WCAG contrast ratios of the enabled controls `selector` matches, as drawn: the text colour,
 * faded by every opacity above it, over the backgrounds behind it; and, focused from the keyboard,
 * the focus ring's colour over the background around the control. axe-core leaves out a control
 * whose only text is a symbol (← → ↑ ↓ × +) or that is faded to nothing, so this measures them.
 * A control drawn by another element (a transparent select over a copy of what it shows, marked
 * `data-draws-control`, beside it) is measured as that element draws it.
 */
export async function controlContrast(page: Page, selector: string): Promise<ControlContrast[]> {
  const controls = page.locator(selector);
  const results: ControlContrast[] = [];
  // A key press first: focus moved by a script then shows the ring the keyboard shows.
  await page.keyboard.press('Shift');
  for (let i = 0; i < (await controls.count()); i++) {
    const control = controls.nth(i);
    if (await control.isDisabled()) continue;
    results.push(await control.evaluate(measure));
  }
  return results;
}

function measure(element: HTMLElement): ControlContrast {
  type Rgba = { r: number; g: number; b: number; a: number };
  const parse = (colour: string): Rgba => {
    const [r = 0, g = 0, b = 0, a = 1] = (/rgba?\(([^)]*)\)/.exec(colour)?.[1] ?? '0 0 0 0')
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return { r, g, b, a };
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({ r, g, b }: Rgba) => {
    const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (one: Rgba, other: Rgba) => {
    const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x) as [number, number];
    return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
  };
  /** The backgrounds from the page down to `until`, painted over each other; and their opacity. */
  const behind = (until: Element | null) => {
    const chain: Element[] = [];
    for (let e = until; e; e = e.parentElement) chain.unshift(e);
    let background: Rgba = { r: 255, g: 255, b: 255, a: 1 };
    let opacity = 1;
    for (const e of chain) {
      const style = getComputedStyle(e);
      const colour = parse(style.backgroundColor);
      if (colour.a > 0) background = over(colour, background);
      opacity *= Number(style.opacity);
    }
    return { background, opacity };
  };

  const drawn = element.parentElement?.querySelector<HTMLElement>(':scope > [data-draws-control]') ?? element;
  const own = behind(drawn);
  const ink = parse(getComputedStyle(drawn).color);
  const text = ratio(over({ ...ink, a: ink.a * own.opacity }, own.background), own.background);

  element.focus();
  const style = getComputedStyle(drawn);
  let focusRing: number | null = null;
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
    // The ring is drawn around the control, over its parent's background.
    const around = behind(drawn.parentElement).background;
    focusRing = ratio(over(parse(style.outlineColor), around), around);
  }
  element.blur();
  return { name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '', text, focusRing };
}
