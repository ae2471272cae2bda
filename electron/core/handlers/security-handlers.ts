import { convertFinding, keepFindingAsPlainText, scanWorkspace } from '../credentials/security-check';
import { convertVariable } from '../credentials/variable-findings';
import type { DomainHandlers, HandlerContext } from './context';

export function securityHandlers({ session }: HandlerContext): DomainHandlers<'security'> {
  return {
    'security.scan': () => scanWorkspace(session()),
    'security.convert': (input) => convertFinding(session(), input),
    'security.convertVariable': (input) => convertVariable(session(), input),
    'security.keepPlainText': ({ id }) => keepFindingAsPlainText(session(), id),
  };
}
