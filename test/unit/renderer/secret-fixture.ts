import type { SecretMeta } from '../../../shared/model/secret';

/** A secret key's metadata as main would list it, with what a test cares about given. */
export function secretMeta(fields: Partial<SecretMeta> & Pick<SecretMeta, 'id' | 'name'>): SecretMeta {
  return {
    description: '',
    type: 'generic',
    values: [{ environmentId: 'default', valueVersion: 1, hint: null, source: null, setAt: null }],
    allowedDomains: [],
    readableByRunCode: false,
    access: { kind: 'team' },
    visibility: 'masked',
    createdBy: 'me',
    createdById: 'mem_me',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'me',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    rotationDays: null,
    usedBy: 0,
    rights: { see: true, use: true, manage: true },
    ...fields,
  };
}

export const names = (items: readonly SecretMeta[]) => items.map((item) => item.name);
