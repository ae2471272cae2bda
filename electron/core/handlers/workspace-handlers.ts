import type { DomainHandlers, HandlerContext } from './context';
import { teamDetails } from './team-handlers';

export function workspaceHandlers(ctx: HandlerContext): DomainHandlers<'workspaces'> {
  const { workspaces } = ctx;
  const activated = async (open: Promise<unknown>) => {
    await open;
    ctx.onWorkspaceOpened();
    ctx.workspaceChanged(ctx.session().id);
    return workspaces.summary();
  };
  return {
    'workspaces.list': () => workspaces.list(),
    'workspaces.create': ({ name, folder }) => activated(workspaces.createTeam(name, folder)),
    'workspaces.open': ({ path }) => activated(workspaces.openTeamFile(path)),
    'workspaces.switch': ({ id }) => activated(workspaces.switchTo(id)),
    'workspaces.sync': async () => {
      await ctx.session().team?.syncNow();
      return teamDetails(ctx);
    },
  };
}
