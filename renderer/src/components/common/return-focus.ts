/**
 * A Radix `onCloseAutoFocus` handler that sends focus to `target()` when it exists.
 * Radix would return focus to whatever had it when the dialog opened, which is gone
 * when a dialog was opened from a menu item.
 */
export function returnFocus(target: () => HTMLElement | null) {
  return (event: Event) => {
    const element = target();
    if (!element) return;
    event.preventDefault();
    element.focus();
  };
}
