import { useEffect } from 'react';
import { useAnnouncer } from '../../store/announcer-store';

const VISIBLE_FOR_MS = 8000;

/**
 * The polite status region: always in the page (so screen readers listen to it), it
 * shows and announces the outcome of the last action for a few seconds. Nothing in it
 * is focusable: dialogs leave live regions outside their aria-hidden backdrop.
 */
export function LiveRegion() {
  const message = useAnnouncer((state) => state.message);
  const serial = useAnnouncer((state) => state.serial);
  const dismiss = useAnnouncer((state) => state.dismiss);

  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(dismiss, VISIBLE_FOR_MS);
    return () => clearTimeout(timer);
  }, [message, serial, dismiss]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <p key={serial} className="toast">
          {message}
        </p>
      )}
    </div>
  );
}
