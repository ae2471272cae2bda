/**
 * The app's addresses: every view has one, so a reload (or a link) lands where it was.
 * They live in the URL's fragment, which both hosts serve from one page:
 *   #/secrets                       Manage Secret Keys (…?from=<workflow id>: opened from that workflow)
 *   #/workflows                     the workflow list
 *   #/workflows/<id>                a workflow's builder, with its last run
 *   #/workflows/<id>/runs/<run id>  the builder with that run shown
 *   #/environments                  environments, variables and external sources
 *   #/team, #/activity, #/settings
 */
export type AppView = 'workflows' | 'secrets' | 'environments' | 'team' | 'activity' | 'settings';

export type Route =
  | { view: 'workflows'; workflowId: string | null; runId: string | null }
  | { view: 'secrets'; fromWorkflowId: string | null }
  | { view: 'environments' }
  | { view: 'team' }
  | { view: 'activity' }
  | { view: 'settings' };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function routeOfView(view: AppView): Route {
  switch (view) {
    case 'workflows':
      return { view, workflowId: null, runId: null };
    case 'secrets':
      return { view, fromWorkflowId: null };
    default:
      return { view };
  }
}

/** The route a fragment names, or null when it names none (the caller then shows its default). */
export function parseRoute(hash: string): Route | null {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter((part) => part !== '');
  const [view, id, sub, runId] = parts;
  if (view === 'workflows') {
    if (parts.length === 1) return routeOfView('workflows');
    if (!id || !ID.test(id)) return null;
    if (parts.length === 2) return { view, workflowId: id, runId: null };
    if (parts.length === 4 && sub === 'runs' && runId && ID.test(runId)) return { view, workflowId: id, runId };
    return null;
  }
  if (parts.length !== 1) return null;
  if (view === 'secrets') {
    const from = new URLSearchParams(query).get('from');
    return { view, fromWorkflowId: from && ID.test(from) ? from : null };
  }
  if (view === 'team' || view === 'activity' || view === 'environments' || view === 'settings') return { view };
  return null;
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'workflows':
      if (!route.workflowId) return '#/workflows';
      return `#/workflows/${route.workflowId}${route.runId ? `/runs/${route.runId}` : ''}`;
    case 'secrets':
      return route.fromWorkflowId ? `#/secrets?from=${route.fromWorkflowId}` : '#/secrets';
    default:
      return `#/${route.view}`;
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeHash(a) === routeHash(b);
}
