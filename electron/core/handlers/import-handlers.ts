import { commitImport } from '../imports/commit';
import { planOf } from '../imports/import-source';
import type { ImportWorkspace } from '../imports/plan';
import type { WorkspaceSession } from '../workspaces/workspace-session';
import { IMPORT_FORMAT_LABELS } from '../../../shared/model/imports';
import type { DomainHandlers, HandlerContext } from './context';

/** What an import meets in the workspace: every key's name (hidden ones are taken too), the variables, the environments. */
function importWorkspace(session: WorkspaceSession): ImportWorkspace {
  const visible = new Map(session.secrets.list().map((meta) => [meta.id, meta]));
  return {
    keys: session.secrets.accessOfAll().map(({ id, name }) => {
      const meta = visible.get(id);
      return { id, name, environmentIds: meta?.values.map((entry) => entry.environmentId) ?? [], visible: meta !== undefined, manageable: meta?.rights.manage ?? false };
    }),
    variables: session.variables.list(),
    environments: session.environments.list(),
  };
}

export function importHandlers({ session }: HandlerContext): DomainHandlers<'imports'> {
  return {
    'imports.preview': async ({ source }) => (await planOf(source, importWorkspace(session()))).preview,
    'imports.commit': async ({ source, decisions }) => {
      const plan = await planOf(source, importWorkspace(session()));
      const from = source.fileName ? `“${source.fileName}”` : `a ${IMPORT_FORMAT_LABELS[source.format]}`;
      return commitImport(plan, decisions, session(), `Imported from ${from}.`);
    },
  };
}
