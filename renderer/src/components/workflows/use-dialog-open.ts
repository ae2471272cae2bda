import { useEffect, useState } from 'react';

const hasDialog = () => typeof document !== 'undefined' && document.querySelector('.dialog-overlay') !== null;

/**
 * Whether a modal dialog is open anywhere (every dialog here renders a .dialog-overlay in
 * a Radix portal: a <div> appended to <body>, so watching body's children is enough). Controls outside the dialog's own screen (the app navigation) go
 * inert meanwhile: Radix hides them from assistive technology, inert also takes them out
 * of the tab order, so no focusable element sits in an aria-hidden region.
 */
export function useDialogOpen(): boolean {
  const [open, setOpen] = useState(hasDialog);
  useEffect(() => {
    const observer = new MutationObserver(() => setOpen(hasDialog()));
    observer.observe(document.body, { childList: true });
    return () => observer.disconnect();
  }, []);
  return open;
}
