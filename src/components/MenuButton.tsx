import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: ReactNode;
  /** Shown greyed out; still focusable so screen-reader users hear why. */
  disabled?: boolean;
  /** For radio-like menus (presets): the current choice. */
  checked?: boolean;
  /** Group heading shown before this item. */
  group?: string;
  onSelect(): void;
}

/**
 * An ARIA menu button: Enter/Space/ArrowDown open it on the first item, ArrowUp
 * on the last; arrows, Home/End and first letters move; Enter/Space choose;
 * Escape and Tab close it and focus returns to the button.
 */
export function MenuButton({
  label,
  items,
  className = '',
  radio = false,
  testId,
}: {
  label: ReactNode;
  items: MenuItem[];
  className?: string;
  radio?: boolean;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelectorAll<HTMLElement>('[role^=menuitem]')[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!listRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const openAt = (i: number) => {
    setActive((i + items.length) % items.length);
    setOpen(true);
  };
  const close = (focusButton = true) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };
  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close();
    item.onSelect();
  };

  const onListKey = (e: React.KeyboardEvent) => {
    const n = items.length;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % n);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + n) % n);
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(n - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') {
      setOpen(false);
      return; // let focus move on naturally
    } else if (e.key === 'Enter' || e.key === ' ') choose(items[active]);
    else if (e.key.length === 1 && /\S/.test(e.key)) {
      const k = e.key.toLowerCase();
      const text = (el: Element | undefined) => el?.textContent?.trim().toLowerCase() ?? '';
      const els = [...(listRef.current?.querySelectorAll('[role^=menuitem]') ?? [])];
      const next = [...els.keys()].map((j) => (active + 1 + j) % n).find((j) => text(els[j]).startsWith(k));
      if (next !== undefined) setActive(next);
    } else return;
    e.preventDefault();
  };

  return (
    <div className={`menu-button ${className}`}>
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        data-testid={testId}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') openAt(0);
          else if (e.key === 'ArrowUp') openAt(items.length - 1);
          else return;
          e.preventDefault();
        }}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul
          ref={listRef}
          role="menu"
          id={`${id}-menu`}
          aria-labelledby={`${id}-button`}
          className="menu"
          onKeyDown={onListKey}
        >
          {items.map((item, i) => (
            <li key={item.id} role="none">
              {item.group && (
                <span className="menu-group" aria-hidden="true">
                  {item.group}
                </span>
              )}
              <button
                type="button"
                role={radio ? 'menuitemradio' : 'menuitem'}
                aria-checked={radio ? !!item.checked : undefined}
                aria-disabled={item.disabled || undefined}
                tabIndex={i === active ? 0 : -1}
                data-item={item.id}
                onClick={() => choose(item)}
                onMouseMove={() => i !== active && setActive(i)}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
