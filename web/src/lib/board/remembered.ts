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
