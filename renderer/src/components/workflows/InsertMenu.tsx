import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { SecretMeta, SecretType } from '../../../../shared/model/secret';
import type { Variable } from '../../../../shared/model/environment';
import type { Step } from '../../../../shared/model/workflow';
import { useAfterMenuClose } from '../../hooks/use-after-menu-close';
import { accessSummary } from '../../store/secret-access';
import { SECRET_TYPE_LABELS } from '../secrets/secret-types';
import { ChevronRightIcon, PlusIcon } from './icons';
import { hostnameOf, hostProblem } from './request-checks';
import { PROVIDER_LABELS } from '../../../../shared/model/source';

interface Props {
  fieldLabel: string;
  acceptedType: SecretType;
  secrets: readonly SecretMeta[];
  earlierSteps: readonly Step[];
  /** Where the step sends its request, when known: keys whose allowed domains exclude it are shown but not offered. */
  host: string | null;
  /** Show each key's access (team workspaces). */
  team: boolean;
  onInsertSecret(secret: SecretMeta): void;
  onInsertOutput(step: Step): void;
  variables: readonly Variable[];
  onInsertVariable(variable: Variable): void;
  /** Leaves for Environments, where variables get their values. */
  onManageVariables(): void;
  /**
   * Called once the menu has closed, so the dialog it opens is the only layer, with what was
   * typed in the search (the new key's name to start from). None: I may not create keys here.
   */
  onCreateSecret?(name: string): void;
  onManageSecrets(): void;
}

/** Moves focus to `target` once the popup holding it has opened (after the menu's own focus handling). */
function FocusOnMount({ target }: { target: RefObject<HTMLElement | null> }) {
  useEffect(() => {
    const frame = requestAnimationFrame(() => target.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [target]);
  return null;
}

/** Keys the search box handles itself instead of the menu (typeahead, closing the submenu). */
const TEXT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Backspace', 'Delete', ' ']);

/**
 * The "+" of a field: Insert a Secret Key ▸ (search, the keys of this field's type I may
 * use, Create Secret Key when I may create keys, Manage Secret Keys) and Previous step output ▸.
 * Non-modal, like every menu here: a modal Radix menu injects a <style> element, which
 * the CSP refuses. Dialogs open from onCloseAutoFocus, after the menu is gone.
 */
/** What tells keys apart in the picker: type, the value's last characters, access and where it may be sent. */
export function keyFacts(secret: SecretMeta, team: boolean): string {
  const linked = secret.values.find((entry) => entry.source);
  const hint = secret.visibility === 'masked' ? secret.values.find((entry) => entry.hint)?.hint : null;
  return [
    SECRET_TYPE_LABELS[secret.type],
    hint ? `ends in ${hint}` : null,
    linked?.source ? `linked to ${PROVIDER_LABELS[linked.source.provider]}` : null,
    secret.values.length === 0 ? 'no value yet' : null,
    team ? accessSummary(secret.access) : null,
    secret.allowedDomains.length > 0 ? `only ${secret.allowedDomains.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function InsertMenu({
  fieldLabel,
  acceptedType,
  secrets,
  earlierSteps,
  host,
  team,
  onInsertSecret,
  onInsertOutput,
  onCreateSecret,
  onManageSecrets,
  variables,
  onInsertVariable,
  onManageVariables,
}: Props) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  // Which submenu is open: one at a time, and focus moving back to the main menu (a pointer
  // crossing it diagonally) doesn't close it — only another submenu, Escape, a click or a choice do.
  const [sub, setSub] = useState<'keys' | 'variables' | 'outputs' | null>(null);
  const subProps = (name: 'keys' | 'variables' | 'outputs') => ({
    open: sub === name,
    onOpenChange: (next: boolean) => setSub(next ? name : (current) => (current === name ? null : current)),
  });
  const keepOpenOnFocusOutside = (event: Event) => event.preventDefault();
  const afterClose = useAfterMenuClose();
  const searchRef = useRef<HTMLInputElement>(null);
  const searchId = useId();

  // Keys I may see but not use (restricted, or as a Viewer) are not offered: main would refuse the run.
  const usable = useMemo(() => secrets.filter((secret) => secret.type === acceptedType && secret.rights.use), [secrets, acceptedType]);
  const needle = query.trim().toLowerCase();
  const shown = needle ? usable.filter((secret) => secret.name.toLowerCase().includes(needle)) : usable;
  const typeNote = acceptedType === 'generic' ? '' : `${SECRET_TYPE_LABELS[acceptedType]} `;

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      event.currentTarget.closest('[data-radix-menu-content]')?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      const first = shown.find((secret) => !hostProblem(secret, host));
      if (first) {
        afterClose.cancel();
        onInsertSecret(first);
        setOpen(false);
      }
      return;
    }
    if (event.key.length === 1 || TEXT_KEYS.has(event.key)) event.stopPropagation();
  }

  return (
    <DropdownMenu.Root
      modal={false}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setSub(null);
        if (next) setQuery('');
      }}
    >
      <DropdownMenu.Trigger className="icon-button insert-button" aria-label={`Insert into ${fieldLabel}`}>
        <PlusIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} collisionPadding={8} onCloseAutoFocus={afterClose.onCloseAutoFocus}>
          <DropdownMenu.Sub {...subProps('keys')}>
            <DropdownMenu.SubTrigger className="menu-item menu-sub-trigger" aria-haspopup="dialog">
              Insert a Secret Key
              <ChevronRightIcon />
            </DropdownMenu.SubTrigger>
            <DropdownMenu.Portal>
              {/*
                A dialog rather than a menu: a menu may hold only menu items, and this popup starts
                with a search box. The items sit in a menu inside it.
              */}
              <DropdownMenu.SubContent
                role="dialog"
                aria-orientation={undefined}
                className="menu menu-keys"
                sideOffset={4}
                collisionPadding={8}
                onFocusOutside={keepOpenOnFocusOutside}
                onKeyDown={(event) => {
                  // Typing anywhere in the popup goes to the search box.
                  if (event.target !== searchRef.current && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
                    searchRef.current?.focus();
                  }
                }}
              >
                <FocusOnMount target={searchRef} />
                <div className="menu-search">
                  <label htmlFor={searchId} className="visually-hidden">
                    Search secret keys
                  </label>
                  <input
                    ref={searchRef}
                    id={searchId}
                    className="input menu-search-input"
                    type="search"
                    placeholder="Search keys"
                    autoComplete="off"
                    spellCheck={false}
                    value={query}
                    onChange={(event) => setQuery(event.target.value)}
                    onKeyDown={onSearchKeyDown}
                  />
                </div>
                <div role="menu" aria-label={`${typeNote}Secret keys`} aria-orientation="vertical">
                  <div className="menu-scroll">
                    {shown.map((secret) => {
                      const refused = hostProblem(secret, host) !== null;
                      return (
                        <DropdownMenu.Item
                          key={secret.id}
                          className="menu-item menu-item-action"
                          textValue={secret.name}
                          disabled={refused}
                          onSelect={() => onInsertSecret(secret)}
                        >
                          <span className="menu-item-label">{secret.name}</span>
                          <span className="menu-item-description">
                            {refused ? `Not for ${hostnameOf(host)}: only ${secret.allowedDomains.join(', ')}` : keyFacts(secret, team)}
                          </span>
                        </DropdownMenu.Item>
                      );
                    })}
                    {shown.length === 0 && (
                      <DropdownMenu.Item className="menu-item menu-item-empty" disabled>
                        {usable.length === 0 ? `No ${typeNote}keys yet` : 'No matching keys'}
                      </DropdownMenu.Item>
                    )}
                  </div>
                  <DropdownMenu.Separator className="menu-separator" />
                  {onCreateSecret && (
                    <DropdownMenu.Item className="menu-item" onSelect={() => afterClose.then(() => onCreateSecret(query.trim()))}>
                      Create Secret Key{query.trim() ? ` “${query.trim()}”` : ''}
                    </DropdownMenu.Item>
                  )}
                  <DropdownMenu.Item className="menu-item" onSelect={() => afterClose.then(onManageSecrets)}>
                    Manage Secret Keys
                  </DropdownMenu.Item>
                </div>
              </DropdownMenu.SubContent>
            </DropdownMenu.Portal>
          </DropdownMenu.Sub>
          <DropdownMenu.Sub {...subProps('variables')}>
            <DropdownMenu.SubTrigger className="menu-item menu-sub-trigger">
              Insert a Variable
              <ChevronRightIcon />
            </DropdownMenu.SubTrigger>
            <DropdownMenu.Portal>
              <DropdownMenu.SubContent className="menu" sideOffset={4} collisionPadding={8} onFocusOutside={keepOpenOnFocusOutside}>
                {variables.map((variable) => (
                  <DropdownMenu.Item key={variable.id} className="menu-item" textValue={variable.name} onSelect={() => onInsertVariable(variable)}>
                    <span className="menu-item-text mono">{variable.name}</span>
                  </DropdownMenu.Item>
                ))}
                {variables.length === 0 && (
                  <DropdownMenu.Item className="menu-item menu-item-empty" disabled>
                    No variables yet
                  </DropdownMenu.Item>
                )}
                <DropdownMenu.Separator className="menu-separator" />
                <DropdownMenu.Item className="menu-item" onSelect={() => afterClose.then(onManageVariables)}>
                  Manage Environments and Variables
                </DropdownMenu.Item>
              </DropdownMenu.SubContent>
            </DropdownMenu.Portal>
          </DropdownMenu.Sub>
          <DropdownMenu.Sub {...subProps('outputs')}>
            <DropdownMenu.SubTrigger className="menu-item menu-sub-trigger">
              Previous step output
              <ChevronRightIcon />
            </DropdownMenu.SubTrigger>
            <DropdownMenu.Portal>
              <DropdownMenu.SubContent className="menu" sideOffset={4} collisionPadding={8} onFocusOutside={keepOpenOnFocusOutside}>
                {earlierSteps.map((step, index) => (
                  <DropdownMenu.Item key={step.id} className="menu-item" onSelect={() => onInsertOutput(step)}>
                    <span className="menu-item-text">
                      {index + 1}. {step.name}
                    </span>
                  </DropdownMenu.Item>
                ))}
                {earlierSteps.length === 0 && (
                  <DropdownMenu.Item className="menu-item menu-item-empty" disabled>
                    No earlier steps
                  </DropdownMenu.Item>
                )}
              </DropdownMenu.SubContent>
            </DropdownMenu.Portal>
          </DropdownMenu.Sub>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
