import { isAdmin } from '../../../shared/model/team';
import { exportWorkflow, importVariables, resolveImport } from '../workflows/workflow-transfer';
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
      const { workflows, secrets, environments, variables } = session();
      return exportWorkflow(workflows.get(id), {
        secretsById: new Map(secrets.list().map((secret) => [secret.id, secret])),
        environments: environments.list(),
        variables: new Map(variables.list().map((variable) => [variable.id, variable])),
      });
    },
    'workflows.import': ({ json, mapping }) => {
      const { workflows, secrets, environments, variables, access } = session();
      let created: { created: string[]; skipped: string[] } = { created: [], skipped: [] };
      const resolved = resolveImport(json, secrets.list(), mapping ?? {}, () => {
        access.requireEditWorkflows();
        const imported = importVariables(json, {
          variables: variables.list(),
          environments: environments.list(),
          create: (name, values) => variables.create(name, values).id,
          addEnvironment: (name) => {
            const role = access.myRole();
            return role && isAdmin(role) ? environments.create(name).id : null;
          },
        });
        created = imported;
        return imported.mapping;
      });
      if ('unresolved' in resolved) return { status: 'needs-mapping', unresolved: resolved.unresolved };
      return { status: 'imported', workflow: workflows.create(resolved.name, resolved.definition), createdVariables: created.created, skippedEnvironments: created.skipped };
    },
  };
}
