import { exportWorkflow, resolveImport } from '../workflows/workflow-transfer';
import { refuseUnconvertedCredentials } from '../workflows/plain-credentials';
import type { DomainHandlers, HandlerContext } from './context';

export function workflowHandlers({ session }: HandlerContext): DomainHandlers<'workflows'> {
  return {
    'workflows.list': () => session().workflows.list(),
    'workflows.get': ({ id }) => session().workflows.get(id),
    'workflows.create': ({ name }) => session().workflows.create(name),
    'workflows.save': ({ id, name, definition }) => {
      refuseUnconvertedCredentials(definition);
      return session().workflows.save(id, name, definition);
    },
    'workflows.duplicate': ({ id }) => session().workflows.duplicate(id),
    'workflows.delete': ({ id }) => {
      session().workflows.delete(id);
      return { id };
    },
    'workflows.export': ({ id }) => {
      const { workflows, secrets } = session();
      return exportWorkflow(workflows.get(id), new Map(secrets.list().map((secret) => [secret.id, secret])));
    },
    'workflows.import': ({ json, mapping }) => {
      const { workflows, secrets } = session();
      const resolved = resolveImport(json, secrets.list(), mapping ?? {});
      if ('unresolved' in resolved) return { status: 'needs-mapping', unresolved: resolved.unresolved };
      return { status: 'imported', workflow: workflows.create(resolved.name, resolved.definition) };
    },
  };
}
