/** Keyboard movement inside an open ARIA menu (WAI-ARIA menu button pattern), as pure functions of the index. */

/** The item an arrow, Home or End key moves to (wrapping around), or null for any other key. */
export function movedTo(key: string, active: number, n: number): number | null {
  if (key === 'ArrowDown') return (active + 1) % n;
  if (key === 'ArrowUp') return (active - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return null;
}

/** A printable key moves to the next item (after the active one, wrapping) whose text starts with it. */
export function typedTo(key: string, active: number, items: Element[]): number | undefined {
  const k = key.toLowerCase();
  const n = items.length;
  const text = (el: Element | undefined) => el?.textContent?.trim().toLowerCase() ?? '';
  return [...items.keys()].map((j) => (active + 1 + j) % n).find((j) => text(items[j]).startsWith(k));
}

export const isPrintable = (key: string) => key.length === 1 && /\S/.test(key);
