import { describe, expect, it } from 'vitest';
import type { Group, Member, SecretAccess } from '../../../shared/model/team';
import { accessOfDraft, accessSummary, draftOfAccess, grantCandidates, grantRows, withGrant, withoutGrant } from '../../../renderer/src/store/secret-access';
import { secretActionsFor } from '../../../renderer/src/components/secrets/secret-actions';
import { workflowActionsFor } from '../../../renderer/src/components/workflows/WorkflowRowMenu';
import { secretMeta } from './secret-fixture';

const member = (id: string, name: string, role: Member['role'] = 'editor'): Member => ({
  memberId: id,
  name,
  email: `${name.toLowerCase()}@example.com`,
  signingKey: 'A'.repeat(43),
  boxKey: 'B'.repeat(43),
  role,
});
const members = [member('mem_me', 'Me', 'owner'), member('mem_bo', 'Bo'), member('mem_al', 'Al', 'admin'), member('mem_cy', 'Cy', 'viewer')];
const groups: Group[] = [
  { id: 'grp_ops', name: 'Ops', memberIds: ['mem_bo', 'mem_cy'] },
  { id: 'grp_dev', name: 'dev', memberIds: [] },
];

describe('secret access', () => {
  it('summarises access for the table', () => {
    expect(accessSummary({ kind: 'team' })).toBe('Team');
    expect(accessSummary({ kind: 'restricted', grants: [] })).toBe('Restricted · no one added');
    expect(
      accessSummary({
        kind: 'restricted',
        grants: [
          { principal: { kind: 'member', id: 'mem_bo' }, level: 'use' },
          { principal: { kind: 'member', id: 'mem_cy' }, level: 'manage' },
          { principal: { kind: 'group', id: 'grp_ops' }, level: 'use' },
        ],
      }),
    ).toBe('Restricted · 2 people, 1 group');
    expect(accessSummary({ kind: 'restricted', grants: [{ principal: { kind: 'member', id: 'mem_bo' }, level: 'use' }] })).toBe('Restricted · 1 person');
  });

  it('adds a grant once, changes its level in place and removes it', () => {
    const bo = { kind: 'member', id: 'mem_bo' } as const;
    const ops = { kind: 'group', id: 'grp_ops' } as const;
    let grants = withGrant([], bo, 'use');
    grants = withGrant(grants, ops, 'use');
    grants = withGrant(grants, bo, 'manage');
    expect(grants).toEqual([
      { principal: bo, level: 'manage' },
      { principal: ops, level: 'use' },
    ]);
    expect(withoutGrant(grants, bo)).toEqual([{ principal: ops, level: 'use' }]);
    // A member and a group may share an id space: only the same kind matches.
    expect(withoutGrant(grants, { kind: 'group', id: 'mem_bo' })).toHaveLength(2);
  });

  it('keeps the grants while Team is chosen, and sends none with Team access', () => {
    const restricted: SecretAccess = { kind: 'restricted', grants: [{ principal: { kind: 'group', id: 'grp_ops' }, level: 'use' }] };
    const draft = { ...draftOfAccess(restricted), kind: 'team' as const };
    expect(accessOfDraft(draft)).toEqual({ kind: 'team' });
    expect(accessOfDraft({ ...draft, kind: 'restricted' })).toEqual(restricted);
  });

  it('offers the people (not me) and groups without a grant yet, by name', () => {
    const candidates = grantCandidates(members, groups, [{ principal: { kind: 'member', id: 'mem_bo' }, level: 'use' }], 'mem_me');
    expect(candidates.people.map((p) => p.name)).toEqual(['Al', 'Cy']);
    expect(candidates.people[0]).toEqual({ kind: 'member', id: 'mem_al', name: 'Al', detail: 'al@example.com' });
    expect(candidates.groups.map((g) => [g.name, g.detail])).toEqual([
      ['dev', '0 members'],
      ['Ops', '2 members'],
    ]);
  });

  it('names the holders of grants, and says when one is gone', () => {
    const rows = grantRows(
      [
        { principal: { kind: 'member', id: 'mem_bo' }, level: 'manage' },
        { principal: { kind: 'group', id: 'grp_ops' }, level: 'use' },
        { principal: { kind: 'member', id: 'mem_gone' }, level: 'use' },
        { principal: { kind: 'group', id: 'grp_gone' }, level: 'use' },
      ],
      members,
      groups,
    );
    expect(rows.map((row) => [row.name, row.level, row.missing])).toEqual([
      ['Bo', 'manage', false],
      ['Ops', 'use', false],
      ['Removed member', 'use', true],
      ['Deleted group', 'use', true],
    ]);
  });
});

describe('secret row actions', () => {
  const labels = (secret: ReturnType<typeof secretMeta>, kind: 'personal' | 'team') => secretActionsFor(secret, kind).map((action) => action.label);

  it('offers everything to whoever manages the key, permissions only in team workspaces', () => {
    const managed = secretMeta({ id: 'sec_1', name: 'K' });
    expect(labels(managed, 'team')).toEqual([
      'Rename',
      'Edit value',
      'History',
      'Rotation reminder',
      'Update permissions',
      'Allowed domains',
      'Let Run Code read it',
      'Used by',
      'Delete',
    ]);
    expect(labels(managed, 'personal')).toEqual(['Rename', 'Edit value', 'History', 'Rotation reminder', 'Allowed domains', 'Let Run Code read it', 'Used by', 'Delete']);
    expect(labels({ ...managed, readableByRunCode: true }, 'personal')).toContain('Stop Run Code reading it');
    expect(secretActionsFor(managed, 'team').find((action) => action.action === 'delete')?.danger).toBe(true);
  });

  it('offers only History (without Roll back) and Used by to whoever may use or see the key but not manage it', () => {
    expect(labels(secretMeta({ id: 'sec_2', name: 'K', rights: { see: true, use: true, manage: false } }), 'team')).toEqual(['History', 'Used by']);
    expect(labels(secretMeta({ id: 'sec_3', name: 'K', rights: { see: true, use: false, manage: false } }), 'team')).toEqual(['History', 'Used by']);
  });
});

describe('workflow row actions', () => {
  it('offer Viewers only what changes nothing: Open and Export', () => {
    expect(workflowActionsFor(true).map((action) => action.label)).toEqual(['Open', 'Rename', 'Duplicate', 'Export', 'Delete']);
    expect(workflowActionsFor(false).map((action) => action.label)).toEqual(['Open', 'Export']);
  });
});
