import { useId, useState } from 'react';
import { GRANT_LEVELS, type GrantLevel, type Group, type Member } from '../../../../shared/model/team';
import { useTeam } from '../../store';
import { GRANT_LEVEL_LABELS, grantCandidates, grantRows, principalKey, withGrant, withoutGrant, type AccessDraft, type PrincipalOption } from '../../store/secret-access';
import { ChoiceGroup } from '../common/ChoiceGroup';
import { SmallCloseIcon } from '../workflows/icons';

const NO_MEMBERS: readonly Member[] = [];
const NO_GROUPS: readonly Group[] = [];

const GENERAL_ACCESS = [
  {
    value: 'team',
    label: 'Team',
    description: 'Everyone in this workspace: Owners, Admins and Editors can use it in workflows; Viewers see its name.',
  },
  {
    value: 'restricted',
    label: 'Restricted',
    description: 'Only the people and groups you add, plus Owners and Admins. The value is encrypted for them alone.',
  },
] as const;

const LEVEL_HINTS: Readonly<Record<GrantLevel, string>> = {
  use: 'Use: insert it in workflows and run them.',
  manage: 'Manage: also rename it, replace its value, change who has access and delete it.',
};

function LevelSelect({ id, label, value, onChange }: { id?: string; label?: string; value: GrantLevel; onChange(level: GrantLevel): void }) {
  return (
    <select id={id} aria-label={label} className="input select grant-level" value={value} onChange={(event) => onChange(event.target.value as GrantLevel)}>
      {GRANT_LEVELS.map((level) => (
        <option key={level} value={level}>
          {GRANT_LEVEL_LABELS[level]}
        </option>
      ))}
    </select>
  );
}

interface Props {
  value: AccessDraft;
  onChange(next: AccessDraft): void;
  /** Main's refusal of the access argument. */
  error?: string | null;
}

/**
 * Who may use a key: General access (Team or Restricted) and, when restricted, the people
 * and groups with Use or Manage, with a picker to add more. Used by Create Secret Key and
 * Update permissions.
 */
export function AccessEditor({ value, onChange, error }: Props) {
  const id = useId();
  const members = useTeam((state) => state.details?.members ?? NO_MEMBERS);
  const groups = useTeam((state) => state.details?.groups ?? NO_GROUPS);
  const me = useTeam((state) => state.details?.me ?? '');
  const [pick, setPick] = useState('');
  const [pickLevel, setPickLevel] = useState<GrantLevel>('use');

  const rows = grantRows(value.grants, members, groups);
  const candidates = grantCandidates(members, groups, value.grants, me);
  const byKey = new Map<string, PrincipalOption>([...candidates.people, ...candidates.groups].map((option) => [principalKey(option), option]));
  const setGrants = (grants: AccessDraft['grants']) => onChange({ ...value, grants });

  function add() {
    const option = byKey.get(pick);
    if (!option) return;
    setGrants(withGrant(value.grants, { kind: option.kind, id: option.id }, pickLevel));
    setPick('');
  }

  return (
    <div className="access-editor">
      <ChoiceGroup
        legend="General access"
        value={value.kind}
        choices={GENERAL_ACCESS}
        onChange={(kind) => onChange({ ...value, kind })}
        error={value.kind === 'team' ? error : null}
      />
      {value.kind === 'restricted' && (
        <section className="grants" aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`} className="field-label">
            People and groups with access
          </h3>
          <p className="field-hint">
            {LEVEL_HINTS.use} {LEVEL_HINTS.manage} Owners and Admins can always manage every key.
          </p>
          {rows.length === 0 ? (
            <p className="note">No one added yet: only Owners, Admins and whoever created the key can use it.</p>
          ) : (
            <ul className="grant-list">
              {rows.map((row) => (
                <li key={row.key} className="grant-row">
                  <span className="grant-name">
                    {row.name}
                    {row.principal.kind === 'group' && <span className="badge badge-neutral grant-kind">Group</span>}
                    {row.missing && <span className="note"> (no longer in this workspace)</span>}
                  </span>
                  <LevelSelect label={`Access for ${row.name}`} value={row.level} onChange={(level) => setGrants(withGrant(value.grants, row.principal, level))} />
                  <button
                    type="button"
                    className="icon-button icon-button-danger"
                    aria-label={`Remove ${row.name}`}
                    onClick={() => setGrants(withoutGrant(value.grants, row.principal))}
                  >
                    <SmallCloseIcon />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="grant-add">
            <div className="field grant-add-who">
              <label className="field-label" htmlFor={`${id}-pick`}>
                Add a person or group
              </label>
              <select id={`${id}-pick`} className="input select" value={pick} onChange={(event) => setPick(event.target.value)}>
                <option value="">{candidates.people.length + candidates.groups.length === 0 ? 'Everyone is added' : 'Choose…'}</option>
                {candidates.people.length > 0 && (
                  <optgroup label="People">
                    {candidates.people.map((option) => (
                      <option key={option.id} value={principalKey(option)}>
                        {option.name}
                        {option.detail ? ` (${option.detail})` : ''}
                      </option>
                    ))}
                  </optgroup>
                )}
                {candidates.groups.length > 0 && (
                  <optgroup label="Groups">
                    {candidates.groups.map((option) => (
                      <option key={option.id} value={principalKey(option)}>
                        {option.name} ({option.detail})
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-level`}>
                Access level
              </label>
              <LevelSelect id={`${id}-level`} value={pickLevel} onChange={setPickLevel} />
            </div>
            <button type="button" className="button button-secondary" disabled={!byKey.has(pick)} onClick={add}>
              Add
            </button>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
