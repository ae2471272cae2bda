import { exportWorkflow, resolveImport } from '../workflows/workflow-transfer';
import type { DomainHandlers, HandlerContext } from './context';

export function workflowHandlers({ workflows, secrets }: HandlerContext): DomainHandlers<'workflows'> {
  return {
    'workflows.list': () => workflows.list(),
    'workflows.get': ({ id }) => workflows.get(id),
    'workflows.create': ({ name }) => workflows.create(name),
    'workflows.save': ({ id, name, definition }) => workflows.save(id, name, definition),
    'workflows.duplicate': ({ id }) => workflows.duplicate(id),
    'workflows.delete': ({ id }) => {
      workflows.delete(id);
      return { id };
    },
    'workflows.export': ({ id }) => {
      return exportWorkflow(workflows.get(id), new Map(secrets.list().map((secret) => [secret.id, secret])));
    },
    'workflows.import': ({ json, mapping }) => {
      const resolved = resolveImport(json, secrets.list(), mapping ?? {});
      if ('unresolved' in resolved) return { status: 'needs-mapping', unresolved: resolved.unresolved };
      return { status: 'imported', workflow: workflows.create(resolved.name, resolved.definition) };
    },
  };
}
