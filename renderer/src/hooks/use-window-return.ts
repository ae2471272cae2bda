import { useEffect } from 'react';

/**
 * Calls `onReturn` when the user comes back to this window: it regains focus, or its
 * page becomes visible again. Meanwhile another window or the command line may have
 * changed what this window shows. Both events often fire together: `onReturn` should
 * be cheap to call twice.
 */
export function useWindowReturn(onReturn: () => void): void {
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'visible') onReturn();
    };
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [onReturn]);
}
