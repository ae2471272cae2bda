import type { ReactNode } from 'react';

interface Props {
  title: string;
  message: string;
  /** Offers "Try again", calling this. */
  onRetry?(): void;
  /** Another way out, instead. */
  action?: ReactNode;
}

/** A failure of a whole view, announced as it appears, with a way out. */
export function ErrorBanner({ title, message, onRetry, action }: Props) {
  return (
    <div className="error-banner" role="alert">
      <div>
        <p className="error-banner-title">{title}</p>
        <p>{message}</p>
      </div>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : (
        action
      )}
    </div>
  );
}
