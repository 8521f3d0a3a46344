/** Short random ids for nodes, alts and history entries. Uses Web Crypto, present in Node 20+ and browsers. */
export function newId(prefix = "n"): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += (b % 36).toString(36);
  return `${prefix}_${s}`;
}
