import type { DomainHandlers, HandlerContext } from './context';

export function runHandlers({ session, runs }: HandlerContext): DomainHandlers<'runs'> {
  return {
    'runs.start': ({ workflowId }) => session().runner.start(workflowId),
    'runs.cancel': ({ id }) => {
      session().runner.cancel(id);
      return { id };
    },
    'runs.get': ({ id }) => {
      const run = runs.get(id);
      session().workflows.get(run.workflowId);
      return run;
    },
    'runs.list': ({ workflowId }) => {
      session().workflows.get(workflowId);
      return runs.list(workflowId);
    },
    'runs.labels': ({ ids }) => {
      // Only runs of workflows in the active workspace.
      const workflowIds = new Set(session().workflows.list().map((workflow) => workflow.id));
      return runs.labels(ids).filter((label) => workflowIds.has(label.workflowId));
    },
  };
}
