// Decorative icons: the controls that carry them have their own accessible names.

export function EllipsisIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="3" cy="8" r="1.5" />
      <circle cx="8" cy="8" r="1.5" />
      <circle cx="13" cy="8" r="1.5" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M4 4l8 8M12 4l-8 8" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function SearchIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="4.5" strokeWidth="1.5" fill="none" />
      <path d="M10.5 10.5L14 14" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.5L15 14H1L8 1.5z" strokeWidth="1.3" strokeLinejoin="round" fill="none" />
      <path d="M8 6v3.5" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="8" cy="11.75" r="0.9" />
    </svg>
  );
}

export function KeyflowMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="22" height="22" rx="6" />
      <circle cx="9" cy="12" r="3.25" fill="none" strokeWidth="2" />
      <path d="M12.25 12H19M16.5 12v2.75" strokeWidth="2" strokeLinecap="round" fill="none" />
    </svg>
  );
}
