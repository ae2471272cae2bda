import { useRef } from 'react';

export interface AfterMenuClose {
  /** Runs `action` once the menu has closed (e.g. opening a dialog), instead of returning focus to the menu's button. */
  then(action: () => void): void;
  /** Forgets the pending action: the menu closes as usual. */
  cancel(): void;
  /** The menu content's onCloseAutoFocus. */
  onCloseAutoFocus(event: Event): void;
}

/**
 * For Radix menus whose items open dialogs: the dialog opens after the menu is gone, so it
 * is the only layer, and focus goes into it rather than back to the menu's button.
 */
export function useAfterMenuClose(): AfterMenuClose {
  const pending = useRef<(() => void) | null>(null);
  return {
    then: (action) => {
      pending.current = action;
    },
    cancel: () => {
      pending.current = null;
    },
    onCloseAutoFocus: (event) => {
      const action = pending.current;
      pending.current = null;
      if (action) {
        event.preventDefault();
        action();
      }
    },
  };
}
