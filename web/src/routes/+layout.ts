// The board is a live Yjs document that only exists in the browser, so pages render there.
export const ssr = false;
export const prerender = false;
