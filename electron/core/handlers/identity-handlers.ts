import { identityText } from '../identity/identity-text';
import type { DomainHandlers, HandlerContext } from './context';

export function identityHandlers({ identity }: HandlerContext): DomainHandlers<'identity'> {
  return {
    'identity.get': () => identity.profile(),
    'identity.update': ({ name, email }) => identity.update(name, email),
    'identity.export': () => ({ text: identityText(identity.publicIdentity()), fingerprint: identity.profile().fingerprint }),
  };
}
