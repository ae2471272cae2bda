import { proposedKeyName, ruleInfo, uniqueName } from '../../../shared/detection/rules';
import { domainPatternProblem } from '../../../shared/model/domains';
import { secretNameKey, type SecretMeta, type SecretType } from '../../../shared/model/secret';
import { hostnameOf } from '../../../shared/model/request-host';
import { useSecrets } from '../store';

/**
 * Convert to secret key, in one click: a key named after what was found (and where it
 * goes), of the type the field takes, allowed only to the request's host when it has one.
 * The value goes to main once, as when a key is created by hand.
 */
export function useConvertCredential(): (input: { value: string; ruleId: string; origin: string | null; type: SecretType }) => Promise<SecretMeta> {
  const create = useSecrets((state) => state.create);
  return ({ value, ruleId, origin, type }) => {
    const host = origin === null ? null : hostnameOf(origin);
    const taken = new Set(useSecrets.getState().items.map((secret) => secretNameKey(secret.name)));
    const domains = (host ? [host] : ruleInfo(ruleId).hosts).filter((domain) => domainPatternProblem(domain) === null);
    return create({ name: uniqueName(proposedKeyName(ruleId, host), taken), value, type, allowedDomains: domains });
  };
}
