import type { DomainHandlers, HandlerContext } from './context';

export function runHandlers({ runner, runs, workflows }: HandlerContext): DomainHandlers<'runs'> {
  return {
    'runs.start': ({ workflowId }) => runner.start(workflowId),
    'runs.cancel': ({ id }) => {
      runner.cancel(id);
      return { id };
    },
    'runs.get': ({ id }) => runs.get(id),
    'runs.list': ({ workflowId }) => {
      workflows.get(workflowId);
      return runs.list(workflowId);
    },
  };
}
