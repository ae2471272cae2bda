import { BridgeError } from '../../../shared/bridge/errors';
import type { TeamDetails } from '../../../shared/model/team';
import type { TeamWorkspace } from '../team/team-workspace';
import type { WorkspaceSession } from '../workspaces/workspace-session';
import type { DomainHandlers, HandlerContext } from './context';

/** The team workspace in use; the personal workspace has no members to manage. */
function teamOf(session: WorkspaceSession): TeamWorkspace {
  if (!session.team) throw new BridgeError('invalid_request', 'This is your personal workspace: create or open a team workspace to work with other people.');
  return session.team;
}

export function teamDetails(ctx: HandlerContext): TeamDetails {
  const session = ctx.session();
  const { access } = session;
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return {
    workspace: ctx.workspaces.summary(session),
    me: access.myId,
    members: [...access.members.values()].sort(byName),
    devices: Object.fromEntries([...(session.team?.membership.devices ?? [])]),
    groups: access.groups.sort(byName),
    settings: access.settings,
    sync: session.team?.syncStatus ?? null,
  };
}

/** The workflows that use a key, once each. */
function usage(ctx: HandlerContext): (secretId: string) => { workflowId: string; workflowName: string }[] {
  const { workflows } = ctx.session();
  return (secretId) => [...new Map(workflows.usage(secretId).map((use) => [use.workflowId, { workflowId: use.workflowId, workflowName: use.workflowName }])).values()];
}

export function teamHandlers(ctx: HandlerContext): DomainHandlers<'team'> {
  const team = () => teamOf(ctx.session());
  const changed = <T>(result: T) => {
    ctx.workspaceChanged(ctx.session().id);
    return result;
  };
  return {
    'team.get': () => teamDetails(ctx),
    'team.addMember': ({ identity, role }) => {
      team().addMember(identity, role);
      return changed(teamDetails(ctx));
    },
    'team.addDevice': ({ memberId, identity }) => {
      team().addDevice(memberId, identity);
      return changed(teamDetails(ctx));
    },
    'team.removeDevice': ({ memberId, deviceId }) => {
      team().removeDevice(memberId, deviceId);
      return changed(teamDetails(ctx));
    },
    'team.setRole': ({ memberId, role }) => {
      team().setRole(memberId, role);
      return changed(teamDetails(ctx));
    },
    'team.previewRemoval': ({ memberId }) => team().previewRemoval(memberId, usage(ctx)),
    'team.removeMember': ({ memberId }) => {
      const { secrets } = ctx.session();
      const rotateAtSource = team().removeMember(memberId, usage(ctx), (id) => secrets.delete(id));
      return changed({ team: teamDetails(ctx), rotateAtSource });
    },
    'team.saveGroup': ({ id, name, memberIds }) => {
      team().saveGroup(id, name, memberIds);
      return changed(teamDetails(ctx));
    },
    'team.deleteGroup': ({ id }) => {
      team().deleteGroup(id);
      return changed(teamDetails(ctx));
    },
    'team.setSettings': (settings) => {
      team().setSettings(settings);
      return changed(teamDetails(ctx));
    },
  };
}
