import { useSyncExternalStore } from 'react';

/** Whether a media query matches now (re-renders when it changes). */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const q = window.matchMedia(query);
      q.addEventListener('change', onChange);
      return () => q.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** The phone layout's breakpoint (the same width as the CSS's `max-width: 760px`). */
export const PHONE = '(max-width: 760px)';
