import { useEffect } from 'react';
import { useAnnouncer } from '../../store/announcer-store';
import { CloseIcon } from './icons';

const VISIBLE_FOR_MS = 8000;

/**
 * The polite status region: always in the page (so screen readers listen to it), it
 * shows and announces the outcome of the last action, then fades out.
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
    <div className="toast-region">
      <div role="status" aria-live="polite">
        {message && (
          <p key={serial} className="toast">
            {message}
          </p>
        )}
      </div>
      {message && (
        <button type="button" className="toast-dismiss icon-button" aria-label="Dismiss notification" onClick={dismiss}>
          <CloseIcon />
        </button>
      )}
    </div>
  );
}
