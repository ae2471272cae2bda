import { convertFinding, keepFindingAsPlainText, scanWorkspace } from '../credentials/security-check';
import type { DomainHandlers, HandlerContext } from './context';

export function securityHandlers({ session }: HandlerContext): DomainHandlers<'security'> {
  return {
    'security.scan': () => scanWorkspace(session()),
    'security.convert': (input) => convertFinding(session(), input),
    'security.keepPlainText': ({ id }) => keepFindingAsPlainText(session(), id),
  };
}
