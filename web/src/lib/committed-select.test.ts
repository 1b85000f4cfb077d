import { describe, expect, it } from 'vitest';
import { committedSelect, stepsOption } from './committed-select.ts';

/**
 * A closed select as Chromium runs it on Linux and Windows (seen in the e2e browser): a step key
 * moves the value and fires `change` at once, unless its keydown was prevented; Enter opens the
 * list; a click on an option (pointerdown, then the pick) fires `change`; Escape goes to the page.
 */
class ChromiumSelect extends EventTarget {
  value: string;
  listOpened = false;
  escapedToPage = false;
  readonly commits: string[] = [];
  readonly detach: () => void;

  constructor(
    readonly options: string[],
    value: string,
  ) {
    super();
    this.value = value;
    const attach = committedSelect({ oncommit: (chosen) => this.commits.push(chosen) });
    this.detach = attach(this as unknown as HTMLSelectElement) as () => void;
  }

  press(key: string, modifiers: { altKey?: boolean } = {}): void {
    const event = Object.assign(new Event('keydown', { cancelable: true }), {
      key,
      altKey: modifiers.altKey ?? false,
      ctrlKey: false,
      metaKey: false,
    });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    const at = this.options.indexOf(this.value);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: this.options.length - 1 }[key];
    if (to !== undefined && !modifiers.altKey) {
      const next = this.options[Math.max(0, Math.min(this.options.length - 1, to))]!;
      if (next !== this.value) {
        this.value = next;
        this.dispatchEvent(new Event('change'));
      }
    } else if (key === 'Enter' || (key === 'ArrowDown' && modifiers.altKey)) this.listOpened = true;
    else if (key === 'Escape') this.escapedToPage = true;
  }

  pick(option: string): void {
    this.dispatchEvent(new Event('pointerdown'));
    this.value = option;
    this.dispatchEvent(new Event('change'));
  }

  blur(): void {
    this.dispatchEvent(new Event('blur'));
  }
}

const roles = () => new ChromiumSelect(['facilitator', 'lead', 'participant', 'viewer'], 'participant');

describe('committedSelect', () => {
  it('changes nothing while the arrow keys step through the options', () => {
    const select = roles();
    select.press('ArrowDown');
    expect(select.value).toBe('viewer');
    select.press('ArrowUp');
    select.press('ArrowUp');
    expect(select.commits).toEqual([]);
  });

  it('commits the option stepped to on Enter, without opening the list', () => {
    const select = roles();
    select.press('ArrowDown');
    select.press('Enter');
    expect(select.commits).toEqual(['viewer']);
    expect(select.listOpened).toBe(false);
  });

  it('commits on leaving the control, once', () => {
    const select = roles();
    select.press('Home');
    select.blur();
    select.blur();
    expect(select.commits).toEqual(['facilitator']);
  });

  it('commits nothing when the steps come back to where they began', () => {
    const select = roles();
    select.press('ArrowDown');
    select.press('ArrowUp');
    select.press('Enter');
    select.blur();
    expect(select.commits).toEqual([]);
  });

  it('puts the select back on Escape and keeps the Escape from closing the dialog', () => {
    const select = roles();
    select.press('ArrowDown');
    select.press('Escape');
    expect(select.value).toBe('participant');
    expect(select.escapedToPage).toBe(false);
    select.blur();
    expect(select.commits).toEqual([]);
    select.press('Escape');
    expect(select.escapedToPage).toBe(true);
  });

  it('commits a click on an option at once, even after keyboard steps', () => {
    const select = roles();
    select.pick('lead');
    expect(select.commits).toEqual(['lead']);
    select.press('ArrowDown');
    select.pick('viewer');
    expect(select.commits).toEqual(['lead', 'viewer']);
    select.blur();
    expect(select.commits).toEqual(['lead', 'viewer']);
  });

  it('lets Enter open the list when nothing is pending, and commits what is picked there', () => {
    const select = roles();
    select.press('Enter');
    expect(select.listOpened).toBe(true);
    // Keys inside the open list go to the browser's list, not the page; the pick fires change.
    select.value = 'facilitator';
    select.dispatchEvent(new Event('change'));
    expect(select.commits).toEqual(['facilitator']);
  });

  it('commits a pick in the list opened by a step key that moved nothing (the first option, ArrowUp)', () => {
    const select = new ChromiumSelect(['facilitator', 'lead'], 'facilitator');
    select.press('ArrowUp');
    // On macOS an arrow opens the list; a pick there fires change after the key is done.
    return new Promise<void>((done) =>
      setTimeout(() => {
        select.value = 'lead';
        select.dispatchEvent(new Event('change'));
        expect(select.commits).toEqual(['lead']);
        done();
      }, 5),
    );
  });

  it('does not commit the value it began from, after steps and a pick of the same option', () => {
    const select = roles();
    select.press('ArrowDown');
    select.pick('participant');
    expect(select.commits).toEqual([]);
  });

  it('stops listening once detached', () => {
    const select = roles();
    select.detach();
    select.press('ArrowDown');
    select.press('Enter');
    select.blur();
    expect(select.commits).toEqual([]);
  });
});

describe('stepsOption', () => {
  it('knows the keys that move a closed select, and not those that open it', () => {
    const key = (k: string, altKey = false) =>
      stepsOption({ key: k, altKey, ctrlKey: false, metaKey: false });
    expect(
      ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', 'v'].map((k) =>
        key(k),
      ),
    ).toEqual(Array(9).fill(true));
    expect([key('ArrowDown', true), key('Enter'), key('Tab'), key('Escape'), key('F4')]).toEqual(
      Array(5).fill(false),
    );
  });
});
