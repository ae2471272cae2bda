import { useEffect } from 'react';
import { useNavigation, useWorkflowEditor } from '../store';
import { parseRoute, routeHash } from '../store/routes';

/**
 * Keeps the address and the navigation store in step: the address picks the view at
 * launch and on Back/Forward; every navigation writes its address. A page with unsaved
 * edits asks before it is reloaded or closed (Electron's shell shows that question as a
 * dialog of its own).
 */
export function useAddress(): void {
  useEffect(() => {
    const navigation = useNavigation.getState();
    const initial = parseRoute(window.location.hash);
    if (initial) navigation.go(initial, 'replace');
    writeAddress('replace');

    function onHashChange() {
      const route = parseRoute(window.location.hash);
      if (!route) return writeAddress('replace');
      useNavigation.getState().go(route, 'replace');
      // Staying (unsaved edits) or an unknown address: the address goes back to what is shown.
      writeAddress('replace');
    }
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!useWorkflowEditor.getState().dirty) return;
      event.preventDefault();
      event.returnValue = '';
    }
    const stop = useNavigation.subscribe((state, previous) => {
      if (state.route !== previous.route) writeAddress(state.historyMode);
    });
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      stop();
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);
}

function writeAddress(mode: 'push' | 'replace'): void {
  const hash = routeHash(useNavigation.getState().route);
  if (window.location.hash === hash) return;
  if (mode === 'push') window.history.pushState(null, '', hash);
  else window.history.replaceState(null, '', hash);
}
