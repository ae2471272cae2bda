import { APP_VERSION } from '../version';
import type { DomainHandlers, HandlerContext } from './context';

export function appHandlers(ctx: HandlerContext): DomainHandlers<'app'> {
  return {
    'app.info': () => ({ name: 'Keyflow', version: APP_VERSION, host: ctx.host, profileName: ctx.identity.name, nativeFileDialogs: ctx.choosePath !== undefined }),
  };
}
