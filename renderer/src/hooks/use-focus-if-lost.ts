import { useEffect, type RefObject } from 'react';

/**
 * Focuses `ref` on mount when nothing has focus: when a screen replaces the one the
 * user was working in (e.g. after unlocking), keyboard and screen-reader users land on it.
 */
export function useFocusIfLost(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, [ref]);
}
