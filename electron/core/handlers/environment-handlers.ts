import type { EnvironmentsView } from '../../../shared/model/environment';
import type { DomainHandlers, HandlerContext } from './context';

export function environmentHandlers(ctx: HandlerContext): DomainHandlers<'environments' | 'variables'> {
  const view = (): EnvironmentsView => {
    const { environments, variables } = ctx.session();
    return { environments: environments.list(), variables: variables.list() };
  };
  const changed = (): EnvironmentsView => {
    ctx.workspaceChanged(ctx.session().id);
    return view();
  };
  return {
    'environments.list': view,
    'environments.create': ({ name }) => {
      ctx.session().environments.create(name);
      return changed();
    },
    'environments.rename': ({ id, name }) => {
      ctx.session().environments.rename(id, name);
      return changed();
    },
    'environments.reorder': ({ ids }) => {
      ctx.session().environments.reorder(ids);
      return changed();
    },
    'environments.previewDelete': ({ id }) => {
      const { environments, secrets, variables } = ctx.session();
      const environment = environments.find(id);
      return {
        environment: { id: environment.id, name: environment.name },
        keys: secrets
          .list()
          .filter((secret) => secret.values.some((entry) => entry.environmentId === environment.id))
          .map((secret) => ({ id: secret.id, name: secret.name })),
        variables: variables
          .list()
          .filter((variable) => variable.values[environment.id] !== undefined)
          .map((variable) => ({ id: variable.id, name: variable.name })),
      };
    },
    'environments.delete': ({ id }) => {
      ctx.session().environments.delete(id);
      ctx.onWorkspaceOpened();
      return changed();
    },
    'environments.setProtection': ({ id, protected: isProtected, runGrants }) => {
      ctx.session().environments.setProtection(id, isProtected, runGrants);
      return changed();
    },
    'variables.create': ({ name, values }) => {
      ctx.session().variables.create(name, values);
      return view();
    },
    'variables.rename': ({ id, name }) => {
      ctx.session().variables.rename(id, name);
      return view();
    },
    'variables.setValue': ({ id, environmentId, value }) => {
      ctx.session().variables.setValue(id, environmentId, value);
      return view();
    },
    'variables.delete': ({ id }) => {
      ctx.session().variables.delete(id);
      return view();
    },
  };
}
