import type { DomainHandlers, HandlerContext } from './context';

export function runHandlers({ session }: HandlerContext): DomainHandlers<'runs'> {
  return {
    'runs.start': ({ workflowId }) => session().runner.start(workflowId),
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
