import { describe, expect, it } from 'vitest';
import type { Member, Role } from '../../../shared/model/team';
import { assignableRoles, canAddDevice, canRemoveDevice, canRemoveMember, roleChoices } from '../../../renderer/src/store/team-rules';

const member = (id: string, role: Role): Member => ({ memberId: id, name: id, email: '', signingKey: 'A'.repeat(43), boxKey: 'B'.repeat(43), role });
const owner = member('mem_owner', 'owner');
const admin = member('mem_admin', 'admin');
const editor = member('mem_editor', 'editor');
const viewer = member('mem_viewer', 'viewer');

describe('team rules', () => {
  it('lets Owners give any role and Admins any but Owner', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'editor', 'viewer']);
    expect(assignableRoles('admin')).toEqual(['admin', 'editor', 'viewer']);
    expect(assignableRoles('editor')).toEqual([]);
    expect(assignableRoles('viewer')).toEqual([]);
  });

  it('lets an Owner change and remove anyone else', () => {
    for (const target of [member('mem_owner2', 'owner'), admin, editor, viewer]) {
      expect(roleChoices('owner', target, owner.memberId)).toEqual(['owner', 'admin', 'editor', 'viewer']);
      expect(canRemoveMember('owner', target, owner.memberId)).toBe(true);
    }
  });

  it('keeps Admins away from Owners, and from making Owners', () => {
    expect(roleChoices('admin', owner, admin.memberId)).toBeNull();
    expect(canRemoveMember('admin', owner, admin.memberId)).toBe(false);
    expect(roleChoices('admin', editor, admin.memberId)).toEqual(['admin', 'editor', 'viewer']);
    expect(roleChoices('admin', member('mem_admin2', 'admin'), admin.memberId)).toEqual(['admin', 'editor', 'viewer']);
    expect(canRemoveMember('admin', viewer, admin.memberId)).toBe(true);
  });

  it('offers nobody a change of their own role or their own removal', () => {
    expect(roleChoices('owner', owner, owner.memberId)).toBeNull();
    expect(canRemoveMember('admin', admin, admin.memberId)).toBe(false);
  });

  it('gives Editors and Viewers no member controls', () => {
    for (const role of ['editor', 'viewer'] as const) {
      expect(roleChoices(role, viewer, 'mem_me')).toBeNull();
      expect(canRemoveMember(role, viewer, 'mem_me')).toBe(false);
    }
  });

  it('lets Owners and Admins add and remove devices as they add and remove members: an Owner’s only by an Owner, never the last', () => {
    const two = (id: string) => [{ deviceId: id }, { deviceId: `${id}_laptop` }].map((d) => ({ ...d, name: '', signingKey: '', boxKey: '', addedAt: '', addedById: '' }));
    expect(canAddDevice('admin', admin, admin.memberId)).toBe(true);
    expect(canAddDevice('admin', editor, admin.memberId)).toBe(true);
    expect(canAddDevice('admin', owner, admin.memberId)).toBe(false);
    expect(canAddDevice('owner', owner, owner.memberId)).toBe(true);
    expect(canAddDevice('editor', editor, editor.memberId)).toBe(false);
    expect(canRemoveDevice('admin', editor, admin.memberId, two(editor.memberId), `${editor.memberId}_laptop`)).toBe(true);
    expect(canRemoveDevice('admin', editor, admin.memberId, two(editor.memberId).slice(0, 1), editor.memberId)).toBe(false);
    expect(canRemoveDevice('admin', owner, admin.memberId, two(owner.memberId), `${owner.memberId}_laptop`)).toBe(false);
    expect(canRemoveDevice('editor', editor, editor.memberId, two(editor.memberId), `${editor.memberId}_laptop`)).toBe(false);
  });
});
