import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A native <dialog> shown modal while the component is mounted; on unmount it closes and focus goes back to
 * `returnFocus` (the button that opened it), so keyboard users land where they were.
 */
export function useModalDialog(returnFocus: RefObject<HTMLElement | null>): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    const back = returnFocus.current;
    return () => {
      if (d.open) d.close();
      back?.focus();
    };
  }, [returnFocus]);
  return ref;
}

/**
 * Keeps Tab and Shift+Tab inside `box`: from its last focusable element to the first and back. Disabled
 * elements and those under [inert] (the dialog's live preview) are not in the cycle.
 */
export function trapTab(e: KeyboardEvent<HTMLElement>, box: HTMLElement | null) {
  if (e.key !== 'Tab') return;
  const focusables = [...(box?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter(
    (el) => !el.hasAttribute('disabled') && !el.closest('[inert]'),
  );
  if (!focusables.length) return;
  const first = focusables[0];
  const last = focusables[focusables.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    last.focus();
    e.preventDefault();
  } else if (!e.shiftKey && document.activeElement === last) {
    first.focus();
    e.preventDefault();
  }
}
