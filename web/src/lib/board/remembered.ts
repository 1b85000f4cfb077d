/**
 * A yes-or-no choice this browser remembers across visits (e.g. whether the presence row is
 * shown): `fallback` until one is made, or where storage is not allowed.
 */
export function rememberedChoice(key: string, fallback: boolean): boolean {
  try {
    const stored = localStorage.getItem(key);
    return stored === null ? fallback : stored === 'true';
  } catch {
    return fallback;
  }
}

/** Remembers a choice for `rememberedChoice`; where storage is not allowed, it lasts the page. */
export function rememberChoice(key: string, value: boolean): void {
  try {
    localStorage.setItem(key, String(value));
  } catch {
    // Not remembered: private browsing or storage turned off.
  }
}

/** A text this browser remembers across visits (e.g. a board's persona filter); null until one is. */
export function rememberedText(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remembers a text for `rememberedText`, or forgets it (null). */
export function rememberText(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered: private browsing or storage turned off.
  }
}
