import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { isPrintable, movedTo, typedTo } from './menuKeys';

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
  const id = useId();
  const { open, active, setActive, openAt, close, choose, onListKey, buttonRef, listRef } = useMenu(items);
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
            <MenuEntry
              key={item.id}
              item={item}
              radio={radio}
              active={i === active}
              onChoose={() => choose(item)}
              onHover={() => i !== active && setActive(i)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The menu's state and keys: which item is active (and focused), opening, closing, choosing. */
function useMenu(items: MenuItem[]) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // The active item has the focus (roving tabindex), from opening on.
  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelectorAll<HTMLElement>('[role^=menuitem]')[active]?.focus();
  }, [open, active]);
  useCloseOnOutsidePointer(open, [listRef, buttonRef], () => setOpen(false));

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
    if (movedTo(e.key, active, items.length) !== null) setActive((a) => movedTo(e.key, a, items.length) ?? a);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') {
      setOpen(false);
      return; // let focus move on naturally
    } else if (e.key === 'Enter' || e.key === ' ') choose(items[active]);
    else if (isPrintable(e.key)) {
      const next = typedTo(e.key, active, [...(listRef.current?.querySelectorAll('[role^=menuitem]') ?? [])]);
      if (next !== undefined) setActive(next);
    } else return;
    e.preventDefault();
  };

  return { open, active, setActive, openAt, close, choose, onListKey, buttonRef, listRef };
}

/** One item, after its group heading if it starts a group; only the active item is in the tab order. */
function MenuEntry({
  item,
  radio,
  active,
  onChoose,
  onHover,
}: {
  item: MenuItem;
  radio: boolean;
  active: boolean;
  onChoose: () => void;
  onHover: () => void;
}) {
  return (
    <li role="none">
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
        tabIndex={active ? 0 : -1}
        data-item={item.id}
        onClick={onChoose}
        onMouseMove={onHover}
      >
        {item.label}
      </button>
    </li>
  );
}

/**
 * A pointer pressed anywhere outside the menu and its button closes the menu (without moving focus). The
 * effect keeps what it was given when the menu opened: refs are stable objects, and `close` only sets state.
 */
function useCloseOnOutsidePointer(open: boolean, inside: RefObject<HTMLElement | null>[], close: () => void) {
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!inside.some((r) => r.current?.contains(t))) close();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
}
