import type { DomainHandlers, HandlerContext } from './context';

export function secretHandlers({ secrets, workflows }: HandlerContext): DomainHandlers<'secrets'> {
  return {
    'secrets.list': ({ query }) => secrets.list(query),
    'secrets.create': (input) => secrets.create(input),
    'secrets.rename': ({ id, name }) => secrets.rename(id, name),
    'secrets.setDescription': ({ id, description }) => secrets.setDescription(id, description),
    'secrets.updateValue': ({ id, value }) => secrets.updateValue(id, value),
    'secrets.setAllowedDomains': ({ id, allowedDomains }) => secrets.setAllowedDomains(id, allowedDomains),
    'secrets.usage': ({ id }) => {
      secrets.get(id);
      return workflows.usage(id);
    },
    'secrets.delete': ({ id }) => {
      secrets.delete(id);
      return { id };
    },
  };
}
