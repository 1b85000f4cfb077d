/**
 * A random string of `length` characters drawn from `alphabet` (at most 256 characters) with
 * `crypto.getRandomValues`, which exists in browsers and in Node. Bytes that would make some
 * characters likelier than others (the modulo bias) are drawn again.
 */
export function randomString(alphabet: string, length: number): string {
  const unbiasedLimit = 256 - (256 % alphabet.length);
  let result = '';
  while (result.length < length) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(length))) {
      if (byte < unbiasedLimit && result.length < length) result += alphabet.charAt(byte % alphabet.length);
    }
  }
  return result;
}
