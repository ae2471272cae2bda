/**
 * The workspace in use: its access rules, stores, redactor and runner, wired for its kind.
 * A personal workspace seals values with the vault; a team workspace with per-member
 * wraps, and records every change for its shared file.
 */
import type { ActionId } from '../../../shared/model/workflow';
import type { Run } from '../../../shared/model/run';
import { DEFAULT_SETTINGS, type Member, type PublicIdentity } from '../../../shared/model/team';
import type { Db } from '../db/database';
import type { MaskableSecret } from '../redaction/redactor';
import type { Identity } from '../identity/identity';
import type { Logger } from '../logger';
import type { Vault } from '../vault/vault';
import { AuditLog } from '../audit/audit-log';
import { SecretStore, type SecretLedger } from '../secrets/secret-store';
import { vaultSealer, type ValueSealer } from '../secrets/value-sealer';
import { WorkflowStore } from '../workflows/workflow-store';
import { RunStore } from '../runs/run-store';
import { Runner } from '../runs/runner';
import { RedactorCache } from '../runs/redactor-cache';
import { RetiredValues } from '../redaction/retired-values';
import type { CodeSandbox } from '../run-code/sandbox';
import type { TeamWorkspace } from '../team/team-workspace';
import { EnvironmentStore, type EnvironmentLedger } from '../environments/environment-store';
import { VariableStore, type VariableLedger } from '../environments/variable-store';
import { RunPreferences } from '../environments/run-preferences';
import { RunValues, type RunEnvironment } from '../runs/run-values';
import type { SourceResolver } from '../sources/source-resolver';
import { WorkspaceAccess, type MembershipView } from '../access/workspace-access';
import { DeletedKeys } from '../secrets/deleted-keys';
import { KeyPolicies } from '../secrets/key-policies';
import type { KeyPolicy } from '../../../shared/model/versions';

export interface SessionDeps {
  db: Db;
  identity: Identity;
  vault: Vault;
  sandbox: CodeSandbox;
  logger: Logger;
  integrationBaseUrl: (action: ActionId) => string;
  onProgress: (run: Run) => void;
  /** Told of every value that enters the workspace (the development tripwire). */
  onValue?: (value: string) => void;
  /** A sync brought changes from other members. */
  onRemoteChange: (workspaceId: string) => void;
  pollIntervalMs?: number;
  /** External sources (one per process: unlocked databases and tokens outlive a workspace switch). */
  sources: SourceResolver;
  /** The clock (tests move it: purging Recently deleted, rotation dates). */
  now?: () => Date;
}

export interface WorkspaceSession {
  id: string;
  kind: 'personal' | 'team';
  access: WorkspaceAccess;
  secrets: SecretStore;
  environments: EnvironmentStore;
  variables: VariableStore;
  /** The environment each workflow runs in by default here. */
  preferences: RunPreferences;
  workflows: WorkflowStore;
  runs: RunStore;
  audit: AuditLog;
  runner: Runner;
  team: TeamWorkspace | null;
  /** The workspace's rules for values: versions kept, runs with expired keys. */
  policy(): KeyPolicy;
  setPolicy(policy: KeyPolicy): KeyPolicy;
  /** Every stored value, in every environment, this person may use and holds the key to (the redactor, the development tripwire). */
  usableValues(): MaskableSecret[];
  /**
   * The environment a run of `workflowId` uses — the one asked for, else the one it last ran
   * in, else the first — once the right to run there (and a protected one's confirmation) is checked.
   */
  runEnvironment(workflowId: string, requested: string | undefined, confirmed: boolean): RunEnvironment;
  /** A sync changed what this person may use: the redactor is rebuilt on the next run. */
  remoteChanged(): void;
  close(): Promise<void>;
}

export function personalSession(deps: SessionDeps, workspaceId: string): WorkspaceSession {
  const { identity } = deps;
  // Rebuilt only when the person's name or email changes (the identity object changes with them).
  let cached: { of: PublicIdentity; view: MembershipView } | null = null;
  const membership = () => {
    const current = identity.publicIdentity();
    if (cached?.of !== current) {
      const me: Member = { ...current, role: 'owner' };
      cached = { of: current, view: { members: new Map([[me.memberId, me]]), groups: new Map(), settings: DEFAULT_SETTINGS } };
    }
    return cached.view;
  };
  const access = new WorkspaceAccess(membership, () => identity.memberId);
  const audit = new AuditLog(deps.db, { workspaceId, keys: () => identity.keys, nameOf: (id) => (id === identity.memberId ? identity.name : id) });
  return assemble(deps, { workspaceId, kind: 'personal', access, audit, sealer: vaultSealer(deps.vault), team: null });
}

/** A team workspace's session; `team` was built with `onRemoteChange` calling this session's `remoteChanged`. */
export function teamSession(deps: SessionDeps, team: TeamWorkspace): WorkspaceSession {
  const session = assemble(deps, { workspaceId: team.id, kind: 'team', access: team.access, audit: team.audit, sealer: team.sealer, team, ledger: team });
  team.startWatching();
  return session;
}

function assemble(
  deps: SessionDeps,
  parts: {
    workspaceId: string;
    kind: WorkspaceSession['kind'];
    access: WorkspaceAccess;
    audit: AuditLog;
    sealer: ValueSealer;
    team: TeamWorkspace | null;
    ledger?: SecretLedger & EnvironmentLedger & VariableLedger;
  },
): WorkspaceSession {
  const { workspaceId, access, audit, team } = parts;
  const now = deps.now ?? (() => new Date());
  const retired = new RetiredValues(deps.db, deps.vault, workspaceId, now);
  const policies = new KeyPolicies(deps.db, workspaceId);
  // A team's deletions are the chain's: they can't be undone under the same id (docs/ARCHITECTURE.md, "Value versions").
  const deletedKeys = parts.kind === 'personal' ? new DeletedKeys(deps.db, workspaceId) : undefined;
  for (const id of deletedKeys?.purge(now()) ?? []) retired.unlistKey(id);
  const environments = new EnvironmentStore(deps.db, {
    workspaceId,
    access,
    ledger: parts.ledger,
    onValuesChanged: () => redactors.invalidate(),
    onDeleting: (environmentId) => secrets.retireEnvironment(environmentId),
  });
  const variables = new VariableStore(deps.db, { workspaceId, access, environments: environments.rows, ledger: parts.ledger });
  const preferences = new RunPreferences(deps.db, workspaceId);
  const secrets: SecretStore = new SecretStore(deps.db, {
    workspaceId,
    access,
    sealer: parts.sealer,
    audit,
    now,
    onValue: deps.onValue,
    onValuesChanged: () => redactors.invalidate(),
    ledger: parts.ledger,
    onValueRetired: (value) => {
      retired.retire(value);
      retired.prune(policies.get().versionsKept, value.secretId);
    },
    environments: environments.rows,
    history: retired,
    deletedKeys,
  });
  const usableValues = () =>
    secrets.list().flatMap((secret) => {
      if (!secret.rights.use) return [];
      return secret.values.flatMap((entry) => {
        if (entry.source) return [];
        try {
          return [{ name: secret.name, value: secrets.revealForRun(secret.id, entry.environmentId) }];
        } catch {
          return []; // not shared with this person (yet)
        }
      });
    });
  // Runs mask the current values and every earlier one; someone no longer in the workspace keeps none.
  const maskedValues = () => {
    if (access.myRole() === null) {
      retired.forget();
      return usableValues();
    }
    return [...usableValues(), ...retired.values()];
  };
  const redactors = new RedactorCache(maskedValues);
  const workflows = new WorkflowStore(deps.db, workspaceId, {
    requireEdit: () => access.requireEditWorkflows(),
    onChanged: team ? (id) => team.workflowChanged(id) : undefined,
  });
  const runs = new RunStore(deps.db, workspaceId);
  const runner = new Runner({
    secrets,
    values: (environment) =>
      new RunValues(environment, {
        secrets: (ids) => secrets.getMany(ids),
        reveal: (id, environmentId) => secrets.revealForRun(id, environmentId),
        variables: () => variables.list(),
        fetch: (source, signal) => deps.sources.fetch(source, signal),
        refuseExpired: () => policies.get().refuseExpiredKeys,
        now,
      }),
    workflows,
    runs,
    redactor: (linked) => redactors.get(linked),
    sandbox: deps.sandbox,
    integrationBaseUrl: deps.integrationBaseUrl,
    onProgress: deps.onProgress,
    beforeRun: () => access.requireEditWorkflows(),
  });
  return {
    id: workspaceId,
    kind: parts.kind,
    access,
    secrets,
    environments,
    variables,
    preferences,
    workflows,
    runs,
    audit,
    runner,
    team,
    policy: () => policies.get(),
    setPolicy(policy) {
      if (parts.kind === 'team') access.requireAdmin('change how keys’ values are kept');
      const saved = policies.set(policy);
      retired.prune(saved.versionsKept);
      return saved;
    },
    usableValues,
    runEnvironment(workflowId, requested, confirmed) {
      const remembered = preferences.get(workflowId);
      const known = environments.rows.list();
      const id = requested ?? (remembered && known.some((environment) => environment.id === remembered) ? remembered : known[0]!.id);
      const environment = environments.forRun(id, confirmed);
      preferences.set(workflowId, environment.id);
      return { id: environment.id, name: environment.name };
    },
    remoteChanged: () => redactors.invalidate(),
    close: async () => {
      await team?.close();
    },
  };
}
