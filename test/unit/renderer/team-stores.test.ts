/** The workspace, team, identity and audit stores against fake bridges: what the switcher and the Team and Activity views rely on. */
import { describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/errors';
import type { AuditEntry, TeamDetails, WorkspaceSummary } from '../../../shared/model/team';
import { createDeletedKeysStore } from '../../../renderer/src/store/deleted-keys-store';
import { createKeyHistoryStore } from '../../../renderer/src/store/key-history-store';
import { createEnvironmentsStore } from '../../../renderer/src/store/environments-store';
import { createAuditStore, filterOptions, rememberNames, NO_NAMES } from '../../../renderer/src/store/audit-store';
import { createIdentityStore } from '../../../renderer/src/store/identity-store';
import { createTeamStore, savedGroup, settingsOf } from '../../../renderer/src/store/team-store';
import { createWorkspacesStore, withWorkspace } from '../../../renderer/src/store/workspaces-store';
import { rightsOf } from '../../../renderer/src/hooks/rights-of';
import { scopeOf } from '../../../renderer/src/store/filter-secrets';
import { createRunsStore } from '../../../renderer/src/store/run-store';
import { createSecretsStore } from '../../../renderer/src/store/secrets-store';
import { createWorkflowEditorStore } from '../../../renderer/src/store/workflow-editor-store';
import { createNavigationStore } from '../../../renderer/src/store/workflow-navigation';
import { createWorkflowsStore } from '../../../renderer/src/store/workflows-store';
import { workspaceReloads } from '../../../renderer/src/store/workspace-reload';
import { secretMeta } from './secret-fixture';

const personal: WorkspaceSummary = { id: 'ws_personal', name: 'Personal', kind: 'personal', filePath: null, myRole: 'owner', active: true };
const acme: WorkspaceSummary = { id: 'ws_acme', name: 'Acme', kind: 'team', filePath: '/sync/Acme.keyflow', myRole: 'editor', active: false };

function details(workspace: WorkspaceSummary, over: Partial<TeamDetails> = {}): TeamDetails {
  return {
    workspace,
    me: 'mem_me',
    members: [{ memberId: 'mem_me', name: 'Me', email: 'me@example.com', signingKey: 'A'.repeat(43), boxKey: 'B'.repeat(43), role: workspace.myRole }],
    devices: {},
    groups: [],
    settings: { editorsCanCreateSecrets: true },
    sync: null,
    ...over,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('workspaces store', () => {
  function setup() {
    let items = [personal, acme];
    const listeners: ((event: BridgeEvent) => void)[] = [];
    const activate = (id: string) => {
      items = items.map((item) => ({ ...item, active: item.id === id }));
      return items.find((item) => item.id === id)!;
    };
    const api = {
      'workspaces.list': vi.fn(async () => items),
      'workspaces.switch': vi.fn(async ({ id }: { id: string }) => {
        if (!items.some((item) => item.id === id)) throw new BridgeError('not_found', 'That workspace is gone.');
        return activate(id);
      }),
      'workspaces.create': vi.fn(async ({ name, folder }: { name: string; folder: string }) => {
        const created: WorkspaceSummary = { id: 'ws_new', name, kind: 'team', filePath: `${folder}/${name}.keyflow`, myRole: 'owner', active: false };
        items = [...items, created];
        return activate('ws_new');
      }),
      'workspaces.open': vi.fn(async () => {
        throw new BridgeError('forbidden', 'You are not a member of this workspace. Ask an Admin to add you.', 'path');
      }),
    };
    const hooks = { onActivated: vi.fn(), onChanged: vi.fn() };
    const store = createWorkspacesStore(api, (listener) => (listeners.push(listener), () => undefined), hooks);
    const emit = (workspaceId: string) => listeners.forEach((listener) => listener({ name: 'workspace.changed', payload: { workspaceId } }));
    return { api, store, hooks, emit, setActiveElsewhere: (id: string) => activate(id) };
  }

  it('loads the list and knows the active workspace, without announcing a switch', async () => {
    const { store, hooks } = setup();
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loadState: 'ready', active: personal });
    expect(store.getState().items).toHaveLength(2);
    expect(hooks.onActivated).not.toHaveBeenCalled();
  });

  it('switches: the new one is the only active one, and every store is told to reload', async () => {
    const { store, hooks } = setup();
    await store.getState().load();
    const active = await store.getState().switchTo('ws_acme');
    expect(active).toMatchObject({ id: 'ws_acme', active: true });
    expect(store.getState().active?.id).toBe('ws_acme');
    expect(
      store
        .getState()
        .items.filter((item) => item.active)
        .map((item) => item.id),
    ).toEqual(['ws_acme']);
    expect(hooks.onActivated).toHaveBeenCalledWith(expect.objectContaining({ id: 'ws_acme' }), expect.objectContaining({ id: 'ws_personal' }));
    await flush();
    expect(hooks.onActivated).toHaveBeenCalledTimes(1);
    expect(store.getState().switching).toBe(false);
  });

  it('creates a team workspace, which joins the list and becomes active', async () => {
    const { store, api, hooks } = setup();
    await store.getState().load();
    await store.getState().create('Ops', '/home/me/Dropbox');
    expect(api['workspaces.create']).toHaveBeenCalledWith({ name: 'Ops', folder: '/home/me/Dropbox' });
    await flush();
    expect(store.getState().items.map((item) => item.name)).toEqual(['Personal', 'Acme', 'Ops']);
    expect(store.getState().active).toMatchObject({ id: 'ws_new', kind: 'team', myRole: 'owner' });
    expect(hooks.onActivated).toHaveBeenCalledTimes(1);
  });

  it('rejects with main’s error and keeps the active workspace', async () => {
    const { store, hooks } = setup();
    await store.getState().load();
    const error = await store
      .getState()
      .open('/tmp/other.keyflow')
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ field: 'path', message: expect.stringMatching(/not a member/) });
    expect(store.getState()).toMatchObject({ switching: false, active: personal });
    expect(hooks.onActivated).not.toHaveBeenCalled();
  });

  it('reloads on workspace.changed: quietly for the active one, fully when another became active', async () => {
    const { store, hooks, emit, setActiveElsewhere } = setup();
    await store.getState().load();
    store.getState().listen();
    store.getState().listen(); // idempotent
    emit('ws_personal');
    await flush();
    expect(hooks.onChanged).toHaveBeenCalledTimes(1);
    emit('ws_acme'); // a workspace in the background synced: nothing shown changed
    await flush();
    expect(hooks.onChanged).toHaveBeenCalledTimes(1);

    setActiveElsewhere('ws_acme');
    emit('ws_acme');
    await flush();
    expect(hooks.onActivated).toHaveBeenCalledTimes(1);
    expect(store.getState().active?.id).toBe('ws_acme');
  });

  it('adopts a newer picture of a workspace (my role changed) and keeps which one is active', () => {
    const items = withWorkspace([personal, acme], { ...acme, myRole: 'viewer' });
    expect(items.map((item) => [item.id, item.myRole, item.active])).toEqual([
      ['ws_personal', 'owner', true],
      ['ws_acme', 'viewer', false],
    ]);
    expect(withWorkspace([personal, acme], { ...acme, active: true }).map((item) => item.active)).toEqual([false, true]);
  });
});

describe('team store', () => {
  function setup(initial = details({ ...acme, active: true })) {
    let team = initial;
    const api = {
      'team.get': vi.fn(async () => team),
      'team.addMember': vi.fn(async ({ role }: { identity: string; role: string }) => {
        team = { ...team, members: [...team.members, { memberId: 'mem_new', name: 'New', email: '', signingKey: 'C'.repeat(43), boxKey: 'D'.repeat(43), role: role as 'editor' }] };
        return team;
      }),
      'team.setRole': vi.fn(async () => {
        throw new BridgeError('forbidden', 'Admins can’t make Owners.');
      }),
      'team.previewRemoval': vi.fn(),
      'team.removeMember': vi.fn(async () => ({ team, rotateAtSource: [{ id: 'sec_1', name: 'Stripe' }] })),
      'team.saveGroup': vi.fn(async ({ id, name, memberIds }: { id?: string; name: string; memberIds: string[] }) => {
        team = { ...team, groups: [...team.groups.filter((group) => group.id !== id), { id: id ?? 'grp_new', name, memberIds }] };
        return team;
      }),
      'team.deleteGroup': vi.fn(async () => team),
      'team.setSettings': vi.fn(async ({ editorsCanCreateSecrets }: { editorsCanCreateSecrets: boolean }) => (team = { ...team, settings: { editorsCanCreateSecrets } })),
      'workspaces.sync': vi.fn(async (): Promise<TeamDetails> => {
        throw new BridgeError('internal', 'The workspace file could not be read: it is locked by another program.');
      }),
    };
    const hooks = { onDetails: vi.fn(), onContentChanged: vi.fn() };
    return { api, hooks, store: createTeamStore(api as never, hooks) };
  }

  it('loads the details and hands main’s picture of the workspace on', async () => {
    const { store, hooks } = setup();
    expect(settingsOf(store.getState().details)).toEqual({ editorsCanCreateSecrets: true });
    await store.getState().load();
    expect(store.getState().loadState).toBe('ready');
    expect(hooks.onDetails).toHaveBeenCalledWith(expect.objectContaining({ workspace: expect.objectContaining({ id: 'ws_acme' }) }));
  });

  it('adopts what each change returns, and rejects with main’s refusal', async () => {
    const { store } = setup();
    await store.getState().load();
    await store.getState().addMember('{"…":"…"}', 'editor');
    expect(store.getState().details?.members.map((member) => member.name)).toEqual(['Me', 'New']);
    const refused = await store
      .getState()
      .setRole('mem_new', 'owner')
      .catch((failure: unknown) => failure);
    expect(refused).toMatchObject({ code: 'forbidden', message: 'Admins can’t make Owners.' });
    await store.getState().setSettings({ editorsCanCreateSecrets: false });
    expect(settingsOf(store.getState().details).editorsCanCreateSecrets).toBe(false);
  });

  it('returns the saved group, new or renamed', async () => {
    const { store } = setup();
    await store.getState().load();
    const created = await store.getState().saveGroup({ name: ' Ops ', memberIds: ['mem_me'] });
    expect(created).toEqual({ id: 'grp_new', name: 'Ops', memberIds: ['mem_me'] });
    const renamed = await store.getState().saveGroup({ id: 'grp_new', name: 'Operations', memberIds: [] });
    expect(renamed).toEqual({ id: 'grp_new', name: 'Operations', memberIds: [] });
    expect(savedGroup([], [{ id: 'g1', name: 'A', memberIds: [] }], { name: 'A', memberIds: [] })?.id).toBe('g1');
  });

  it('removes a member, returns the keys to rotate at the source, and reloads keys and workflows', async () => {
    const { store, hooks } = setup();
    await store.getState().load();
    expect(await store.getState().removeMember('mem_new')).toEqual([{ id: 'sec_1', name: 'Stripe' }]);
    expect(hooks.onContentChanged).toHaveBeenCalledTimes(1);
  });

  it('keeps a failed sync’s reason, and forgets it on the next try', async () => {
    const { store, api, hooks } = setup();
    await store.getState().load();
    await store.getState().sync();
    expect(store.getState()).toMatchObject({ syncing: false, syncError: expect.stringMatching(/locked by another program/) });
    expect(hooks.onContentChanged).not.toHaveBeenCalled();
    api['workspaces.sync'].mockImplementationOnce(async () =>
      details({ ...acme, active: true }, { sync: { state: 'synced', at: '2026-01-02T00:00:00.000Z', problem: null, rejected: [], removedBy: null } }),
    );
    await store.getState().sync();
    expect(store.getState().syncError).toBeNull();
    expect(store.getState().details?.sync?.state).toBe('synced');
    expect(hooks.onContentChanged).toHaveBeenCalledTimes(1);
  });

  it('drops an answer for the workspace that is no longer active', async () => {
    const { store, api } = setup();
    let answer: (value: TeamDetails) => void = () => undefined;
    api['team.get'].mockImplementationOnce(() => new Promise<TeamDetails>((resolve) => (answer = resolve)));
    const loading = store.getState().load();
    store.getState().clear();
    answer(details({ ...acme, active: true }));
    await loading;
    expect(store.getState()).toMatchObject({ details: null, loadState: 'idle' });
  });
});

describe('rights in the views', () => {
  it('follow the role and the "Editors can create secrets" setting', () => {
    expect(rightsOf('owner', false)).toEqual({ role: 'owner', admin: true, manageMembers: true, editWorkflows: true, createSecrets: true });
    expect(rightsOf('editor', true)).toMatchObject({ admin: false, editWorkflows: true, createSecrets: true });
    expect(rightsOf('editor', false)).toMatchObject({ createSecrets: false });
    expect(rightsOf('viewer', true)).toMatchObject({ editWorkflows: false, createSecrets: false, manageMembers: false });
  });
});

describe('identity store', () => {
  it('loads the profile and the text to share, and shares the new name after an update', async () => {
    let profile = { name: 'Ada', email: '', named: false, memberId: 'mem_me', fingerprint: '1A2B 3C4D' };
    const api = {
      'identity.get': vi.fn(async () => profile),
      'identity.update': vi.fn(async ({ name, email }: { name: string; email: string }) => (profile = { ...profile, name, email, named: true })),
      'identity.export': vi.fn(async () => ({ text: JSON.stringify({ name: profile.name }), fingerprint: profile.fingerprint })),
    };
    const store = createIdentityStore(api);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loadState: 'ready', profile: { name: 'Ada' }, shared: { text: '{"name":"Ada"}' } });
    await store.getState().update('  Ada Lovelace ', ' ada@example.com ');
    expect(api['identity.update']).toHaveBeenCalledWith({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(store.getState().shared?.text).toBe('{"name":"Ada Lovelace"}');
  });
});

describe('audit store', () => {
  const entry = (over: Partial<AuditEntry>): AuditEntry => ({
    id: 'aud_1',
    at: '2026-01-02T00:00:00.000Z',
    actorId: 'mem_me',
    actorName: 'Me',
    action: 'created',
    secretId: 'sec_1',
    secretName: 'Stripe',
    runId: null,
    detail: '',
    ...over,
  });

  it('sends only the filters that are set, and lists again when they change', async () => {
    const api = { 'audit.list': vi.fn(async () => [entry({})]), 'runs.labels': vi.fn(async () => []) };
    const store = createAuditStore(api);
    await store.getState().load();
    expect(api['audit.list']).toHaveBeenLastCalledWith({});
    await store.getState().setFilters({ secretId: 'sec_1', action: 'used' });
    expect(api['audit.list']).toHaveBeenLastCalledWith({ secretId: 'sec_1', action: 'used' });
    await store.getState().setFilters({ secretId: undefined, actorId: 'mem_me' });
    expect(api['audit.list']).toHaveBeenLastCalledWith({ action: 'used', actorId: 'mem_me' });
    await store.getState().clearFilters();
    expect(api['audit.list']).toHaveBeenLastCalledWith({});
  });

  it('names each run the trail mentions by its workflow, asking once per run', async () => {
    const label = { id: 'run_1', workflowId: 'wf_1', workflowName: 'Billing report', startedAt: '2026-01-02T00:00:00.000Z', trigger: 'app' as const };
    const api = {
      'audit.list': vi.fn(async () => [
        entry({ id: 'a2', action: 'used', runId: 'run_1' }),
        entry({ id: 'a1', action: 'used', runId: 'run_1' }),
        entry({ id: 'a0', action: 'used', runId: 'run_gone' }),
      ]),
      'runs.labels': vi.fn(async () => [label]),
    };
    const store = createAuditStore(api);
    await store.getState().load();
    expect(api['runs.labels']).toHaveBeenCalledWith({ ids: ['run_1', 'run_gone'] });
    expect(store.getState().runs.get('run_1')).toEqual(label);
    expect(store.getState().runs.has('run_gone')).toBe(false);
  });

  it('remembers the names the trail used, so deleted keys and removed people stay filterable', () => {
    const known = rememberNames(NO_NAMES, [
      entry({ id: 'a3', secretId: 'sec_1', secretName: 'Stripe live', actorId: 'mem_bo', actorName: 'Bo' }),
      entry({ id: 'a2', secretId: 'sec_1', secretName: 'Stripe', actorId: 'mem_me', actorName: 'Me' }),
      entry({ id: 'a1', secretId: 'sec_gone', secretName: 'Old token', action: 'deleted' }),
    ]);
    expect([...known.secrets]).toEqual([
      ['sec_1', 'Stripe live'],
      ['sec_gone', 'Old token'],
    ]);
    expect(rememberNames(known, [entry({ secretId: 'sec_1', secretName: 'Stripe live', actorId: 'mem_bo', actorName: 'Bo' })])).toBe(known);

    // Current names win; the options are sorted; a selected id nothing names any more stays.
    const options = filterOptions(
      known.secrets,
      [
        { id: 'sec_1', name: 'Payments' },
        { id: 'sec_2', name: 'alpha' },
      ],
      'sec_x',
    );
    expect(options).toEqual([
      { id: 'sec_2', name: 'alpha' },
      { id: 'sec_gone', name: 'Old token' },
      { id: 'sec_1', name: 'Payments' },
      { id: 'sec_x', name: 'sec_x' },
    ]);
  });
});

describe('following the active workspace', () => {
  function setup() {
    let workspace = 'ws_acme';
    const keysOf: Record<string, ReturnType<typeof secretMeta>[]> = {
      ws_acme: [secretMeta({ id: 'sec_acme', name: 'Acme key' })],
      ws_personal: [secretMeta({ id: 'sec_mine', name: 'My key' })],
    };
    const api = {
      'secrets.list': vi.fn(async () => keysOf[workspace]!),
      'secrets.restrictedIds': vi.fn(async () => []),
      'workflows.list': vi.fn(async () => [{ id: `wf_${workspace}`, name: workspace, stepCount: 0, updatedAt: '2026-01-01T00:00:00.000Z', brokenReferences: 0, lastRun: null }]),
      'workflows.get': vi.fn(async ({ id }: { id: string }) => ({ id, name: 'W', createdAt: '', updatedAt: '', trigger: { kind: 'manual' as const }, steps: [] })),
      'team.get': vi.fn(async () => details({ ...(workspace === 'ws_acme' ? acme : personal), active: true })),
      'audit.list': vi.fn(async () => []),
      'environments.list': vi.fn(async () => ({ environments: [{ id: 'default', name: workspace, protected: false, runGrants: [], canRun: true }], variables: [] })),
    };
    const stores = {
      secrets: createSecretsStore(api as never),
      workflows: createWorkflowsStore(api as never),
      editor: createWorkflowEditorStore(api as never),
      runs: createRunsStore(api as never, null),
      navigation: createNavigationStore(),
      team: createTeamStore(api as never),
      audit: createAuditStore(api as never),
      deletedKeys: createDeletedKeysStore(api as never),
      environments: createEnvironmentsStore(api as never),
      keyHistory: createKeyHistoryStore(api as never),
    };
    return { api, stores, reloads: workspaceReloads(stores), use: (id: string) => (workspace = id) };
  }

  it('drops everything of the previous workspace and loads the new one’s', async () => {
    const { api, stores, reloads, use } = setup();
    await stores.secrets.getState().load();
    await stores.workflows.getState().load();
    stores.navigation.getState().openWorkflow('wf_ws_acme');
    await stores.editor.getState().open('wf_ws_acme');
    stores.navigation.getState().show('team');
    expect(stores.secrets.getState().items.map((item) => item.name)).toEqual(['Acme key']);

    use('ws_personal');
    reloads.activated({ ...personal, active: true });
    // At once: nothing of Acme is left to show or act on.
    expect(stores.secrets.getState().items).toEqual([]);
    expect(stores.workflows.getState().items).toEqual([]);
    expect(stores.editor.getState().workflowId).toBeNull();
    // The Team view doesn't exist in a personal workspace.
    expect(stores.navigation.getState()).toMatchObject({ view: 'secrets', openWorkflowId: null });
    await flush();
    expect(stores.secrets.getState()).toMatchObject({ loadState: 'ready', items: [expect.objectContaining({ name: 'My key' })] });
    expect(stores.workflows.getState().items.map((item) => item.name)).toEqual(['ws_personal']);
    expect(stores.team.getState().details?.workspace.id).toBe('ws_personal');
    expect(api['audit.list']).not.toHaveBeenCalled();
  });

  it('reloads the trail too when Activity is shown, and keeps the view otherwise', async () => {
    const { api, stores, reloads } = setup();
    stores.navigation.getState().show('activity');
    reloads.activated({ ...acme, active: true });
    await flush();
    expect(stores.navigation.getState().view).toBe('activity');
    expect(api['audit.list']).toHaveBeenCalledTimes(1);
  });

  it('reloads quietly when the workspace changed under us (a sync)', async () => {
    const { api, stores, reloads } = setup();
    await stores.secrets.getState().load();
    await stores.workflows.getState().load();
    const calls = { secrets: api['secrets.list'].mock.calls.length, workflows: api['workflows.list'].mock.calls.length };
    const states: string[] = [];
    stores.secrets.subscribe((state) => states.push(state.loadState));
    reloads.changed();
    await flush();
    expect(api['secrets.list'].mock.calls.length).toBe(calls.secrets + 1);
    expect(api['workflows.list'].mock.calls.length).toBe(calls.workflows + 1);
    expect(api['team.get']).toHaveBeenCalledTimes(1);
    expect(new Set(states)).toEqual(new Set(['ready']));
    // The audit trail was never opened: nothing to reload.
    expect(api['audit.list']).not.toHaveBeenCalled();
  });

  it('gives the key tabs the workspace’s kind and my standing in it', () => {
    expect(scopeOf(null)).toEqual({ kind: 'personal', admin: true });
    expect(scopeOf({ ...acme, myRole: 'admin' })).toEqual({ kind: 'team', admin: true });
    expect(scopeOf(acme)).toEqual({ kind: 'team', admin: false });
  });

  it('moves the key tabs back to All when Private (Admin View) goes away', () => {
    const store = createSecretsStore({} as never);
    store.getState().setScope({ kind: 'team', admin: true });
    store.getState().setTab('private-admin');
    expect(store.getState().tab).toBe('private-admin');
    store.getState().setScope({ kind: 'team', admin: false });
    expect(store.getState().tab).toBe('all');
    store.getState().setTab('private-admin');
    expect(store.getState().tab).toBe('all');
  });
});
