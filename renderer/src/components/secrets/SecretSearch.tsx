import { useId } from 'react';
import { useSecrets } from '../../store';
import { SearchIcon } from '../common/icons';

export function SecretSearch() {
  const id = useId();
  const query = useSecrets((state) => state.query);
  const setQuery = useSecrets((state) => state.setQuery);
  const dueOnly = useSecrets((state) => state.dueOnly);
  const setDueOnly = useSecrets((state) => state.setDueOnly);
  return (
    <div className="search" role="search">
      <label htmlFor={id} className="visually-hidden">
        Search secret keys
      </label>
      <SearchIcon />
      <input
        id={id}
        className="input search-input"
        type="search"
        placeholder="Search by name or description"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <label className="checkbox-label due-filter">
        <input type="checkbox" checked={dueOnly} onChange={(event) => setDueOnly(event.target.checked)} /> Due soon / Overdue
      </label>
    </div>
  );
}
