/** Attachment that focuses an input as it appears (the `autofocus` attribute is ignored when focus is elsewhere). */
export function focusOnMount(element: HTMLElement): void {
  element.focus();
}
