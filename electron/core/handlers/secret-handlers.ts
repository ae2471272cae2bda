import { BridgeError } from '../../../shared/bridge/errors';
import type { DomainHandlers, HandlerContext } from './context';

export function secretHandlers({ session }: HandlerContext): DomainHandlers<'secrets'> {
  return {
    'secrets.list': ({ query }) => session().secrets.list(query),
    'secrets.create': (input) => session().secrets.create(input),
    'secrets.rename': ({ id, name }) => session().secrets.rename(id, name),
    'secrets.setDescription': ({ id, description }) => session().secrets.setDescription(id, description),
    'secrets.updateValue': ({ id, value }) => session().secrets.updateValue(id, value),
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
    'secrets.delete': ({ id }) => {
      session().secrets.delete(id);
      return { id };
    },
  };
}
