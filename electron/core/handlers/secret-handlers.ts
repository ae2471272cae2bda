import { BridgeError } from '../../../shared/bridge/errors';
import type { SourceResolver } from '../sources/source-resolver';
import { asBridgeError } from '../sources/source-bridge-error';
import type { DomainHandlers, HandlerContext } from './context';

export function secretHandlers({ session }: HandlerContext, sources: SourceResolver): DomainHandlers<'secrets'> {
  return {
    'secrets.list': ({ query }) => session().secrets.list(query),
    'secrets.create': (input) => session().secrets.create(input),
    'secrets.rename': ({ id, name }) => session().secrets.rename(id, name),
    'secrets.setDescription': ({ id, description }) => session().secrets.setDescription(id, description),
    'secrets.updateValue': ({ id, value, environmentId }) => session().secrets.updateValue(id, value, environmentId),
    'secrets.link': ({ id, source, environmentId }) => session().secrets.link(id, source, environmentId),
    'secrets.clearValue': ({ id, environmentId }) => session().secrets.clearValue(id, environmentId),
    'secrets.testLink': async ({ id, environmentId }) => {
      const secret = session().secrets.get(id);
      if (!secret.rights.use) throw new BridgeError('forbidden', `You don’t have access to use “${secret.name}”.`, 'id');
      const source = secret.values.find((entry) => entry.environmentId === environmentId)?.source;
      if (!source) throw new BridgeError('invalid_request', `“${secret.name}” is not linked to an external source in that environment.`, 'environmentId');
      return asBridgeError(() => sources.test(source, secret.visibility));
    },
    'secrets.setAllowedDomains': ({ id, allowedDomains }) => session().secrets.setAllowedDomains(id, allowedDomains),
    'secrets.setReadableByRunCode': ({ id, readable }) => session().secrets.setReadableByRunCode(id, readable),
    'secrets.restrictedIds': () => session().secrets.hiddenIds(),
    'secrets.setAccess': ({ id, access }) => {
      const { secrets, kind } = session();
      if (kind === 'personal') {
        throw new BridgeError('invalid_request', 'Access applies to team workspaces; in your personal workspace only you have access.');
      }
      return secrets.setAccess(id, access);
    },
    'secrets.usage': ({ id }) => {
      const { secrets, workflows } = session();
      secrets.get(id);
      return workflows.usage(id);
    },
    'secrets.versions': ({ id }) => session().secrets.versions(id),
    'secrets.rollback': ({ id, environmentId, version }) => session().secrets.rollback(id, environmentId, version),
    'secrets.setRotation': ({ id, expiresAt, rotationDays }) => session().secrets.setRotation(id, expiresAt, rotationDays),
    'secrets.recentlyDeleted': () => session().secrets.recentlyDeleted(),
    'secrets.restore': ({ id }) => session().secrets.restore(id),
    'secrets.policy': () => session().policy(),
    'secrets.setPolicy': (policy) => session().setPolicy(policy),
    'secrets.delete': ({ id }) => {
      session().secrets.delete(id);
      return { id };
    },
  };
}
