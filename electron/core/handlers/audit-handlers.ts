import type { DomainHandlers, HandlerContext } from './context';

export function auditHandlers({ session }: HandlerContext): DomainHandlers<'audit'> {
  return {
    // Entries about keys this person may not see are left out, like the keys themselves.
    'audit.list': (filter) => {
      const { audit, secrets } = session();
      const hidden = new Set(secrets.hiddenIds());
      return audit.list(filter).filter((entry) => !hidden.has(entry.secretId));
    },
  };
}
