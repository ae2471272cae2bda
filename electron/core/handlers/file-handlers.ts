import { BridgeError } from '../../../shared/bridge/errors';
import { listFolder } from '../files/folder-listing';
import type { DomainHandlers, HandlerContext } from './context';

export function fileHandlers({ choosePath }: HandlerContext): DomainHandlers<'files'> {
  return {
    'files.list': ({ path }) => listFolder(path),
    'files.choose': async ({ kind }) => {
      if (!choosePath) throw new BridgeError('invalid_request', 'This window has no system file dialog: browse in Keyflow’s own instead.');
      return { path: await choosePath(kind) };
    },
  };
}
