import type { ImportPreview, PreviewSegment } from '../../../../shared/model/imports';
import { SECRET_TYPE_LABELS } from '../secrets/secret-types';
import { KeyIcon } from '../workflows/icons';
import { credentialLabel } from '../security/credential-label';
import type { CredentialChoice, PreviewChoices } from './import-decisions';

interface Props {
  preview: ImportPreview;
  choices: PreviewChoices;
  problems: Record<string, string>;
  onChange(choices: PreviewChoices): void;
}

const MAX_PLACES = 3;

/** A URL as it will be: text, and a chip (the key's name as chosen) where a credential stands. */
function PreviewUrl({ url, choices }: { url: PreviewSegment[]; choices: PreviewChoices }) {
  return (
    <span className="preview-url">
      {url.map((segment, index) =>
        segment.kind === 'text' ? (
          <span key={index}>{segment.text}</span>
        ) : choices.credentials[segment.id]?.action === 'key' ? (
          <span key={index} className="chip chip-secret">
            <KeyIcon />
            <span className="chip-name">{choices.credentials[segment.id]!.name}</span>
          </span>
        ) : (
          <span key={index} className="badge badge-warning">
            plain text
          </span>
        ),
      )}
    </span>
  );
}

/** The preview of an import: credentials found (each to decide), workflows and steps, variables, what is left out. */
export function ImportPreviewView({ preview, choices, problems, onChange }: Props) {
  const setCredential = (id: string, change: Partial<CredentialChoice>) =>
    onChange({ ...choices, credentials: { ...choices.credentials, [id]: { ...choices.credentials[id]!, ...change } } });
  const toggleStep = (key: string) => {
    const skipped = new Set(choices.skipped);
    if (skipped.has(key)) skipped.delete(key);
    else skipped.add(key);
    onChange({ ...choices, skipped });
  };

  return (
    <div className="import-preview">
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
                      <select id={`${base}-action`} className="input select" value={choice.action} onChange={(event) => setCredential(credential.id, { action: event.target.value as CredentialChoice['action'] })}>
                        <option value="key">Secret key</option>
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
                          <select id={`${base}-type`} className="input select" value={choice.type} onChange={(event) => setCredential(credential.id, { type: event.target.value as CredentialChoice['type'] })}>
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
                      <PreviewUrl url={step.url} choices={choices} />
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
          <p className="note">
            Values are written into the steps that use them; credentials become keys. Variables used nowhere are not imported.
          </p>
          <ul className="import-variables">
            {preview.variables.map((variable) => (
              <li key={variable.name}>
                <code>{variable.name}</code> ={' '}
                {variable.credentialId ? (
                  <span>
                    the key “{choices.credentials[variable.credentialId]?.name}”
                  </span>
                ) : (
                  <code>{variable.value}</code>
                )}
                <span className="cell-muted"> · used {variable.usedBy === 1 ? 'once' : `${variable.usedBy} times`}</span>
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
