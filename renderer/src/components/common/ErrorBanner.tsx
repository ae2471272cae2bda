import type { ReactNode } from 'react';

/** A failure of a whole view, announced as it appears, with a way out. */
export function ErrorBanner({ title, message, action }: { title: string; message: string; action?: ReactNode }) {
  return (
    <div className="error-banner" role="alert">
      <div>
        <p className="error-banner-title">{title}</p>
        <p>{message}</p>
      </div>
      {action}
    </div>
  );
}
