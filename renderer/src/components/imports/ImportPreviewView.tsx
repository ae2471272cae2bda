import type { ImportPreview, PreviewSegment, PreviewVariable } from '../../../../shared/model/imports';
import { SECRET_TYPE_LABELS } from '../secrets/secret-types';
import { KeyIcon } from '../workflows/icons';
import { credentialLabel } from '../security/credential-label';
import { ENVIRONMENT_PROBLEM, type CredentialChoice, type PreviewChoices } from './import-decisions';

interface Props {
  preview: ImportPreview;
  choices: PreviewChoices;
  problems: Record<string, string>;
  /** The workspace's environments, in order. */
  environments: readonly { id: string; name: string }[];
  onChange(choices: PreviewChoices): void;
}

const NEW_ENVIRONMENT = '';

const MAX_PLACES = 3;

function KeyChip({ name }: { name: string }) {
  return (
    <span className="chip chip-secret">
      <KeyIcon />
      <span className="chip-name">{name}</span>
    </span>
  );
}

/** A URL as it will be: text, and a chip where a credential (the key's name as chosen) or a variable stands. */
function PreviewUrl({ preview, url, choices }: { preview: ImportPreview; url: PreviewSegment[]; choices: PreviewChoices }) {
  return (
    <span className="preview-url">
      {url.map((segment, index) => {
        if (segment.kind === 'text') return <span key={index}>{segment.text}</span>;
        if (segment.kind === 'variable') {
          const variable = preview.variables.find((candidate) => candidate.name === segment.name);
          return variable?.becomes === 'key' ? (
            <KeyChip key={index} name={segment.name} />
          ) : (
            <span key={index} className="chip chip-variable">
              <span className="chip-name">{segment.name}</span>
            </span>
          );
        }
        const choice = choices.credentials[segment.id];
        return choice?.action === 'plain' ? (
          <span key={index} className="badge badge-warning">
            plain text
          </span>
        ) : (
          <KeyChip key={index} name={choice?.name ?? ''} />
        );
      })}
    </span>
  );
}

/** What a variable of the source becomes, in a few words. */
function variableFate(variable: PreviewVariable, choices: PreviewChoices, environment: string): string {
  switch (variable.becomes) {
    case 'key': {
      if (variable.credentialId === null) return 'the key of this name';
      const choice = choices.credentials[variable.credentialId];
      return choice?.action === 'plain' ? 'written into the steps (not a secret)' : `the key “${choice?.name}”`;
    }
    case 'written-in':
      return variable.value === null ? 'left as written (not a name Keyflow variables can have)' : 'written into the steps that use it';
    case 'variable':
      if (variable.value === null) return variable.existing ? 'the variable of this name' : `a new variable, with no value yet`;
      return `${variable.existing ? 'the variable of this name' : 'a new variable'}, “${variable.value}” in ${environment}`;
  }
}
/** The preview of an import: credentials found (each to decide), workflows and steps, variables, what is left out. */
export function ImportPreviewView({ preview, choices, problems, environments, onChange }: Props) {
  const setCredential = (id: string, change: Partial<CredentialChoice>) =>
    onChange({ ...choices, credentials: { ...choices.credentials, [id]: { ...choices.credentials[id]!, ...change } } });
  const toggleStep = (key: string) => {
    const skipped = new Set(choices.skipped);
    if (skipped.has(key)) skipped.delete(key);
    else skipped.add(key);
    onChange({ ...choices, skipped });
  };

  const environmentName =
    choices.environment === null
      ? ''
      : 'id' in choices.environment
        ? (environments.find((environment) => environment.id === (choices.environment as { id: string }).id)?.name ?? '')
        : choices.environment.name.trim();

  return (
    <div className="import-preview">
      {choices.environment !== null && (
        <section aria-labelledby="import-environment">
          <h3 id="import-environment" className="section-title">
            Environment
          </h3>
          <div className="import-credential-fields">
            <div className="field">
              <label className="field-label" htmlFor="import-environment-choice">
                Values go to
              </label>
              <select
                id="import-environment-choice"
                className="input select"
                value={'id' in choices.environment ? choices.environment.id : NEW_ENVIRONMENT}
                onChange={(event) =>
                  onChange({
                    ...choices,
                    environment: event.target.value === NEW_ENVIRONMENT ? { name: preview.environment?.id === null ? preview.environment.name : '' } : { id: event.target.value },
                  })
                }
              >
                {environments.map((environment) => (
                  <option key={environment.id} value={environment.id}>
                    {environment.name}
                  </option>
                ))}
                <option value={NEW_ENVIRONMENT}>New environment…</option>
              </select>
            </div>
            {'name' in choices.environment && (
              <div className="field">
                <label className="field-label" htmlFor="import-environment-name">
                  New environment’s name
                </label>
                <input
                  id="import-environment-name"
                  className="input"
                  value={choices.environment.name}
                  maxLength={60}
                  aria-invalid={problems[ENVIRONMENT_PROBLEM] ? true : undefined}
                  aria-describedby={problems[ENVIRONMENT_PROBLEM] ? 'import-environment-problem' : undefined}
                  onChange={(event) => onChange({ ...choices, environment: { name: event.target.value } })}
                />
              </div>
            )}
          </div>
          {problems[ENVIRONMENT_PROBLEM] && (
            <p id="import-environment-problem" className="field-error">
              {problems[ENVIRONMENT_PROBLEM]}
            </p>
          )}
          <p className="note">Keys’ values and variables’ values from this import are set in this environment only.</p>
        </section>
      )}
      <section aria-labelledby="import-credentials">
        <h3 id="import-credentials" className="section-title">
          {preview.credentials.length === 0 ? 'No credentials found' : `Credentials found (${preview.credentials.length})`}
        </h3>
        {preview.credentials.length === 0 ? (
          <p className="note">Nothing in this {preview.format === 'env' ? 'file' : 'import'} looks like an API key, token or password.</p>
        ) : (
          <ul className="import-credentials">
            {preview.credentials.map((credential) => {
              const choice = choices.credentials[credential.id]!;
              const base = `credential-${credential.id}`;
              const problem = problems[credential.id];
              return (
                <li key={credential.id} className="import-credential" aria-labelledby={`${base}-title`}>
                  <p id={`${base}-title`} className="import-credential-title">
                    {credentialLabel(credential.ruleName, credential.hint)}
                  </p>
                  <p className="field-hint">
                    {credential.places.slice(0, MAX_PLACES).join('; ')}
                    {credential.places.length > MAX_PLACES ? `; and ${credential.places.length - MAX_PLACES} more` : ''}
                  </p>
                  <div className="import-credential-fields">
                    <div className="field">
                      <label className="field-label" htmlFor={`${base}-action`}>
                        Import as
                      </label>
                      <select
                        id={`${base}-action`}
                        className="input select"
                        value={choice.action}
                        onChange={(event) => setCredential(credential.id, { action: event.target.value as CredentialChoice['action'] })}
                      >
                        {credential.existingKey && <option value="value">Value of the key “{credential.existingKey.name}”</option>}
                        <option value="key">{credential.existingKey ? 'A new secret key' : 'Secret key'}</option>
                        <option value="plain">Not a secret (plain text)</option>
                      </select>
                    </div>
                    {choice.action === 'key' && (
                      <>
                        <div className="field">
                          <label className="field-label" htmlFor={`${base}-name`}>
                            Key name
                          </label>
                          <input
                            id={`${base}-name`}
                            className="input"
                            value={choice.name}
                            maxLength={200}
                            aria-invalid={problem ? true : undefined}
                            aria-describedby={problem ? `${base}-problem` : undefined}
                            onChange={(event) => setCredential(credential.id, { name: event.target.value })}
                          />
                        </div>
                        <div className="field">
                          <label className="field-label" htmlFor={`${base}-type`}>
                            Type
                          </label>
                          <select
                            id={`${base}-type`}
                            className="input select"
                            value={choice.type}
                            onChange={(event) => setCredential(credential.id, { type: event.target.value as CredentialChoice['type'] })}
                          >
                            {credential.allowedTypes.map((type) => (
                              <option key={type} value={type}>
                                {SECRET_TYPE_LABELS[type]}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div className="field">
                          <label className="field-label" htmlFor={`${base}-domains`}>
                            Allowed domains
                          </label>
                          <input
                            id={`${base}-domains`}
                            className="input"
                            value={choice.domains}
                            placeholder="Any host"
                            onChange={(event) => setCredential(credential.id, { domains: event.target.value })}
                          />
                        </div>
                      </>
                    )}
                  </div>
                  {problem && (
                    <p id={`${base}-problem`} className="field-error">
                      {problem}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {preview.workflows.length > 0 && (
        <section aria-labelledby="import-workflows">
          <h3 id="import-workflows" className="section-title">
            Workflows
          </h3>
          {preview.workflows.map((workflow) => (
            <div key={workflow.key} className="import-workflow">
              <div className="field">
                <label className="field-label" htmlFor={`workflow-${workflow.key}`}>
                  Workflow name
                </label>
                <input
                  id={`workflow-${workflow.key}`}
                  className="input"
                  value={choices.workflowNames[workflow.key] ?? workflow.name}
                  maxLength={200}
                  aria-invalid={problems[workflow.key] ? true : undefined}
                  onChange={(event) => onChange({ ...choices, workflowNames: { ...choices.workflowNames, [workflow.key]: event.target.value } })}
                />
                {problems[workflow.key] && <p className="field-error">{problems[workflow.key]}</p>}
              </div>
              <ul className="import-steps">
                {workflow.steps.map((step) => (
                  <li key={step.key}>
                    <label className="import-step">
                      <input type="checkbox" checked={!choices.skipped.has(step.key)} onChange={() => toggleStep(step.key)} />
                      <span className="badge badge-neutral">{step.method}</span>
                      <span className="import-step-name">{step.name}</span>
                      <PreviewUrl preview={preview} url={step.url} choices={choices} />
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}

      {preview.variables.length > 0 && (
        <section aria-labelledby="import-variables">
          <h3 id="import-variables" className="section-title">
            Variables
          </h3>
          <ul className="import-variables">
            {preview.variables.map((variable) => (
              <li key={variable.name}>
                <code>{variable.name}</code> → {variableFate(variable, choices, environmentName)}
                <span className="cell-muted"> · used {variable.usedBy === 0 ? 'nowhere yet' : variable.usedBy === 1 ? 'once' : `${variable.usedBy} times`}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {(preview.notImported.length > 0 || preview.warnings.length > 0) && (
        <section aria-labelledby="import-left-out">
          <h3 id="import-left-out" className="section-title">
            Not imported, and notes
          </h3>
          <ul className="import-notes">
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
            {preview.notImported.map((item) => (
              <li key={`${item.what}:${item.why}`}>
                <strong>{item.what}</strong>: {item.why}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
