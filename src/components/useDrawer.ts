import { useEffect, useRef, useState } from 'react';

/**
 * The compact embed's sliders drawer: opening it moves focus to its first control; closing it (Escape) sends
 * focus back to the toggle, so a keyboard user is never left on a hidden element.
 */
export function useDrawer() {
  const [open, setOpen] = useState(false);
  const drawerRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The first slider or menu (not a term's glossary button in the readouts above them).
    if (open)
      (
        drawerRef.current?.querySelector<HTMLElement>('input, select') ??
        drawerRef.current?.querySelector<HTMLElement>('button')
      )?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  return { open, toggle: () => setOpen(!open), close, drawerRef, toggleRef };
}

export type Drawer = ReturnType<typeof useDrawer>;
