import type { SourcesStatus } from '../../../shared/model/source';
import type { SourceResolver } from '../sources/source-resolver';
import { asBridgeError } from '../sources/source-bridge-error';
import type { DomainHandlers, HandlerContext } from './context';

export function sourceHandlers(ctx: HandlerContext, sources: SourceResolver): DomainHandlers<'sources'> {
  const status = (): SourcesStatus => ({ unlockedDatabases: sources.keepass.list() });
  return {
    'sources.test': async ({ source, visibility }) => {
      ctx.session().access.me();
      return asBridgeError(() => sources.test(source, visibility));
    },
    'sources.status': status,
    'sources.unlockKeePass': async ({ database, password, keyFile }) => {
      await asBridgeError(() => sources.keepass.unlock(database, password ?? null, keyFile ?? null));
      return status();
    },
    'sources.lock': () => {
      sources.keepass.lock();
      return status();
    },
    'sources.setVaultToken': async ({ address, token }) => {
      await asBridgeError(() => sources.saveVaultToken(address, token));
      return status();
    },
  };
}
