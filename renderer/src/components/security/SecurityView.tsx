import { useEffect, useRef, useState } from 'react';
import type { LiteralFinding, SecurityFinding, VariableFinding } from '../../../../shared/model/imports';
import { secretNameProblem } from '../../../../shared/model/secret';
import { asBridgeError } from '../../bridge/failure';
import { countOf } from '../../format/count';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useMyRights } from '../../hooks/use-rights';
import { useImports, useNavigation } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { credentialLabel } from './credential-label';

/** Whether the person chose to keep every place of it as plain text (a variable can't be kept). */
function isKept(finding: SecurityFinding): boolean {
  return finding.kind === 'literal' && finding.places.every((place) => place.keptAsPlainText);
}

function LiteralPlaces({ finding, kept }: { finding: LiteralFinding; kept: boolean }) {
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  return (
    <ul className="finding-places">
      {finding.places.map((place) => (
        <li key={`${place.workflowId}:${place.stepId}:${place.field}`}>
          <button type="button" className="link-button" onClick={() => openWorkflow(place.workflowId)}>
            {place.workflowName}
          </button>
          {` › ${place.stepName} › ${place.fieldLabel}`}
          {place.keptAsPlainText && !kept && <span className="cell-muted"> (kept as plain text)</span>}
        </li>
      ))}
    </ul>
  );
}

function VariablePlaces({ finding }: { finding: VariableFinding }) {
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  return (
    <>
      <ul className="finding-places">
        <li>
          Variable {finding.variableName} in {finding.environments.map((environment) => environment.name).join(', ')}
        </li>
        {finding.workflows.map((workflow) => (
          <li key={workflow.id}>
            Used in{' '}
            <button type="button" className="link-button" onClick={() => openWorkflow(workflow.id)}>
              {workflow.name}
            </button>
          </li>
        ))}
      </ul>
      <p className="field-hint">
        Variables are shown to everyone and exported, so a credential can’t stay in one. Converting makes the variable a secret key with the same value in each environment; the
        workflows that use it get the key’s chip.
      </p>
    </>
  );
}

/** One finding: what was found where, the key it would become, and the ways to settle it. */
function FindingCard({ finding, canConvert, canEdit }: { finding: SecurityFinding; canConvert: boolean; canEdit: boolean }) {
  const [name, setName] = useState(finding.proposedName);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const convert = useImports((state) => state.convert);
  const keep = useImports((state) => state.keepAsPlainText);
  const announce = useAnnouncer((state) => state.announce);
  const kept = isKept(finding);
  const nameProblem = secretNameProblem(name);
  const headingId = `finding-${finding.id}`;

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      announce(done);
    } catch (error) {
      setProblem(asBridgeError(error).message);
      setBusy(false);
    }
  }

  return (
    <li className="finding" aria-labelledby={headingId}>
      <div className="finding-header">
        <h2 id={headingId} className="finding-title">
          {credentialLabel(finding.ruleName, finding.hint)}
        </h2>
        {kept && <span className="badge badge-neutral">Kept as plain text</span>}
      </div>
      {finding.kind === 'literal' ? <LiteralPlaces finding={finding} kept={kept} /> : <VariablePlaces finding={finding} />}
      {canEdit && (
        <div className="finding-actions">
          {canConvert && (
            <div className="field finding-name">
              <label className="field-label" htmlFor={`${headingId}-name`}>
                Key name
              </label>
              <input
                id={`${headingId}-name`}
                className="input"
                value={name}
                maxLength={200}
                aria-invalid={nameProblem ? true : undefined}
                onChange={(event) => setName(event.target.value)}
              />
            </div>
          )}
          {canConvert && (
            <button
              type="button"
              className="button button-primary"
              disabled={busy || nameProblem !== null}
              onClick={() =>
                void act(
                  () => convert(finding, { name: name.trim(), allowedDomains: finding.proposedDomains }),
                  finding.kind === 'literal'
                    ? `Converted to the secret key “${name.trim()}” in ${countOf(finding.places.length, 'place')}.`
                    : `The variable “${finding.variableName}” is now the secret key “${name.trim()}”.`,
                )
              }
            >
              Convert to secret key
            </button>
          )}
          {finding.kind === 'literal' && !kept && (
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => void act(() => keep(finding.id), 'Kept as plain text.')}>
              Keep as plain text
            </button>
          )}
        </div>
      )}
      {finding.proposedDomains.length > 0 && canConvert && canEdit && (
        <p className="field-hint">The key may be sent only to {finding.proposedDomains.join(', ')} (change it in Secret Keys).</p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

/**
 * The Security check: every credential left in plain text in the workspace's workflows
 * and variables, found in main with the same rules as the builder; one click turns one into a key
 * (every place it stands gets the key's chip). Values never come here: a hint at most.
 */
export function SecurityView() {
  const findings = useImports((state) => state.findings);
  const loadState = useImports((state) => state.loadState);
  const loadError = useImports((state) => state.loadError);
  const scan = useImports((state) => state.scan);
  const { editWorkflows, createSecrets } = useMyRights();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void scan();
  }, [scan]);
  useFocusIfLost(headingRef);

  const open = findings.filter((finding) => !isKept(finding));

  return (
    <section className="panel" aria-labelledby="security-heading">
      <div className="panel-header">
        <div>
          <h1 id="security-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
            Security check
          </h1>
          <p className="panel-subtitle">
            Credentials written into workflows or variables as plain text: API keys, tokens and passwords that belong in secret keys. Keyflow looks with secretlint’s recommended
            rules and its own rules for Authorization headers, API key headers and parameters, and password fields.
          </p>
        </div>
        <div className="panel-actions">
          <button type="button" className="button button-secondary" onClick={() => void scan()}>
            Check again
          </button>
        </div>
      </div>
      {loadState === 'failed' ? (
        <ErrorBanner title="The Security check could not run" message={loadError ?? ''} onRetry={() => void scan()} />
      ) : loadState !== 'ready' ? (
        <p className="loading" role="status">
          Checking workflows…
        </p>
      ) : findings.length === 0 ? (
        <EmptyState title="No credentials in plain text">
          <p>Every workflow uses its keys by reference. Keyflow checks again whenever you open this page.</p>
        </EmptyState>
      ) : (
        <>
          <p role="status" className="note">
            {open.length === 0 ? 'Every credential found was kept as plain text on purpose.' : `${countOf(open.length, 'credential')} in plain text.`}
          </p>
          <ul className="finding-list">
            {findings.map((finding) => (
              <FindingCard key={finding.id} finding={finding} canConvert={createSecrets} canEdit={editWorkflows} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
