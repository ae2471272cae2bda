import type { DomainHandlers, HandlerContext } from './context';

export function runHandlers({ session }: HandlerContext): DomainHandlers<'runs'> {
  return {
    'runs.start': ({ workflowId, environmentId, confirm }) => {
      const current = session();
      current.workflows.get(workflowId);
      return current.runner.start(workflowId, current.runEnvironment(workflowId, environmentId, confirm ?? false));
    },
    'runs.environment': ({ workflowId }) => {
      const { workflows, preferences, environments } = session();
      workflows.get(workflowId);
      const remembered = preferences.get(workflowId);
      const known = environments.list();
      return { environmentId: known.find((environment) => environment.id === remembered)?.id ?? known[0]!.id };
    },
    'runs.setEnvironment': ({ workflowId, environmentId }) => {
      const { workflows, preferences, environments } = session();
      workflows.get(workflowId);
      preferences.set(workflowId, environments.find(environmentId).id);
      return { environmentId };
    },
    'runs.cancel': ({ id }) => {
      session().runner.cancel(id);
      return { id };
    },
    'runs.get': ({ id }) => {
      const run = session().runs.get(id);
      session().workflows.get(run.workflowId);
      return run;
    },
    'runs.list': ({ workflowId }) => {
      session().workflows.get(workflowId);
      return session().runs.list(workflowId);
    },
    // Only runs of the active workspace: the run store is the workspace's.
    'runs.labels': ({ ids }) => session().runs.labels(ids),
  };
}
