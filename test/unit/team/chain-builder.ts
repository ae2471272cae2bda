/** Builds membership chains with real device keys for resolver tests: people sign links on top of the heads they name. */
import { generateDeviceKeys, type DeviceKeys } from '../../../electron/core/crypto/device-keys';
import { genesisLink, signLink, type ChainChange, type ChainLink } from '../../../electron/core/team/chain/chain-link';
import { DEFAULT_SETTINGS, type PublicIdentity, type Role } from '../../../shared/model/team';

export const WORKSPACE = 'ws_unit_test';

export interface Someone {
  name: string;
  keys: DeviceKeys;
  identity: PublicIdentity;
}

export function someone(name: string): Someone {
  const keys = generateDeviceKeys();
  return { name, keys, identity: { memberId: keys.memberId, name, email: `${name.toLowerCase()}@example.com`, signingKey: keys.signingKey, boxKey: keys.boxKey } };
}

let tick = 0;
const at = () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000).toISOString();

export class ChainBuilder {
  readonly links: ChainLink[] = [];
  readonly genesis: ChainLink;

  constructor(readonly owner: Someone) {
    this.genesis = genesisLink(owner.keys, owner.identity, WORKSPACE, 'Acme', DEFAULT_SETTINGS, at());
    this.links.push(this.genesis);
  }

  /** `who` signs `changes` on top of `parents` (links, default: the latest link). */
  link(who: Someone, changes: ChainChange[], parents: ChainLink[] = [this.links.at(-1)!], options: { at?: string } = {}): ChainLink {
    const link = signLink(
      WORKSPACE,
      who.keys,
      parents.map((p) => p.id),
      changes,
      options.at ?? at(),
    );
    this.links.push(link);
    return link;
  }

  add(admin: Someone, member: Someone, role: Role, parents?: ChainLink[]): ChainLink {
    return this.link(admin, [{ type: 'add-member', member: member.identity, role }], parents);
  }
}
