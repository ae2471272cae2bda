/**
 * The workspaces on this machine (the personal one, and team workspaces opened from
 * their files) and which one is active. Switching closes the previous session.
 */
import type { Role, WorkspaceSummary } from '../../../shared/model/team';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import type { MetaTable } from '../db/meta';
import { newId } from '../ids';
import { TeamWorkspace, type TeamWorkspaceOptions } from '../team/team-workspace';
import type { FileAsRead } from '../team/workspace-sync';
import { personalSession, teamSession, type SessionDeps, type WorkspaceSession } from './workspace-session';

interface WorkspaceRow {
  id: string;
  name: string;
  kind: 'personal' | 'team';
  file_path: string | null;
  my_role: Role | null;
}

export class WorkspaceManager {
  private current: WorkspaceSession | null = null;

  constructor(
    private readonly db: Db,
    private readonly meta: MetaTable,
    private readonly deps: SessionDeps,
  ) {}

  private get teamOptions(): TeamWorkspaceOptions {
    return { db: this.db, identity: this.deps.identity, logger: this.deps.logger, pollIntervalMs: this.deps.pollIntervalMs };
  }

  /** The active workspace; opens the last used one (or the personal one) on first use. */
  session(): WorkspaceSession {
    if (!this.current) {
      this.deps.identity.requireLoaded();
      const preferred = this.meta.get('active_workspace');
      const row = preferred ? this.row(preferred) : undefined;
      this.current = row?.kind === 'team' ? this.openTeam(row.id) : personalSession(this.deps, this.personalId());
      // Catch up with what other members changed while Keyflow was closed.
      this.current.team?.scheduleSync(0);
    }
    return this.current;
  }

  list(): WorkspaceSummary[] {
    const active = this.session();
    return this.db
      .prepare<[], WorkspaceRow>("SELECT id, name, kind, file_path, my_role FROM workspaces ORDER BY kind = 'team', lower(name)")
      .all()
      .map((row) => this.summarize(row, active));
  }

  /** The active workspace as the switcher shows it. */
  summary(session: WorkspaceSession = this.session()): WorkspaceSummary {
    return this.summarize(this.row(session.id)!, session);
  }

  private summarize(row: WorkspaceRow, active: WorkspaceSession): WorkspaceSummary {
    const isActive = row.id === active.id;
    const myRole = isActive ? (active.access.myRole() ?? 'viewer') : row.kind === 'personal' ? 'owner' : (row.my_role ?? 'viewer');
    return { id: row.id, name: row.name, kind: row.kind, filePath: row.file_path, myRole, active: isActive };
  }

  async switchTo(id: string, justRead?: FileAsRead): Promise<WorkspaceSession> {
    const row = this.row(id);
    if (!row) throw new BridgeError('not_found', 'That workspace is not open on this machine.', 'id');
    if (this.current?.id === id) return this.current;
    const next = row.kind === 'team' ? this.openTeam(id, justRead) : personalSession(this.deps, id);
    await this.current?.close();
    this.current = next;
    this.meta.set('active_workspace', id);
    if (next.team) await next.team.syncNow();
    return next;
  }

  async createTeam(name: string, folder: string): Promise<WorkspaceSession> {
    const team = TeamWorkspace.create(this.teamOptions, folder, name);
    return this.switchTo(team.id);
  }

  async openTeamFile(path: string): Promise<WorkspaceSession> {
    const { id, read } = await TeamWorkspace.open(this.teamOptions, path);
    return this.switchTo(id, read);
  }

  async close(): Promise<void> {
    await this.current?.close();
    this.current = null;
  }

  private openTeam(id: string, justRead?: FileAsRead): WorkspaceSession {
    let session: WorkspaceSession | null = null;
    const team = TeamWorkspace.load(
      {
        ...this.teamOptions,
        onRemoteChange: () => {
          session?.remoteChanged();
          this.deps.onRemoteChange(id);
        },
        onValueRetiring: (secretId, environmentId) => session?.secrets.retire(secretId, environmentId),
      },
      id,
    );
    if (justRead) team.preload(justRead);
    session = teamSession(this.deps, team);
    return session;
  }

  private row(id: string): WorkspaceRow | undefined {
    return this.db.prepare<[string], WorkspaceRow>('SELECT id, name, kind, file_path, my_role FROM workspaces WHERE id = ?').get(id);
  }

  private personalId(): string {
    const existing = this.db.prepare<[], { id: string }>("SELECT id FROM workspaces WHERE kind = 'personal'").get();
    if (existing) return existing.id;
    const id = newId('ws');
    this.db.prepare("INSERT INTO workspaces (id, name, kind, created_at) VALUES (?, 'Personal', 'personal', ?)").run(id, new Date().toISOString());
    return id;
  }
}
