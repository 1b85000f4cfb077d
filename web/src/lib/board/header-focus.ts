import { tick } from 'svelte';

/**
 * Focuses the first of `selectors` that is on the page once it has rendered, waiting up to
 * `waitMs` for one to appear: a change the server makes for a lead arrives a moment after the
 * server's answer. Resolves whether something took focus.
 */
export async function focusWhenShown(selectors: readonly string[], waitMs = 0): Promise<boolean> {
  await tick();
  const focusFirst = (): boolean => {
    for (const selector of selectors) {
      const element = document.querySelector<HTMLElement>(selector);
      if (element) {
        element.focus();
        return true;
      }
    }
    return false;
  };
  if (focusFirst()) return true;
  if (waitMs <= 0) return false;
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!focusFirst()) return;
      finish(true);
    });
    const timer = setTimeout(() => finish(false), waitMs);
    function finish(focused: boolean) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(focused);
    }
    observer.observe(document.body, { childList: true, subtree: true });
  });
}
