// Decorative icons of the workflow screens: the controls that carry them have their own accessible names.
import type { ReactNode } from 'react';

function Svg({ children, className = 'icon' }: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const PlusIcon = () => (
  <Svg>
    <path d="M8 3v10M3 8h10" />
  </Svg>
);
export const ChevronRightIcon = () => (
  <Svg>
    <path d="M6 3.5L10.5 8 6 12.5" />
  </Svg>
);
export const ChevronLeftIcon = () => (
  <Svg>
    <path d="M10 3.5L5.5 8 10 12.5" />
  </Svg>
);
export const ArrowUpIcon = () => (
  <Svg>
    <path d="M8 13V3M4 7l4-4 4 4" />
  </Svg>
);
export const ArrowDownIcon = () => (
  <Svg>
    <path d="M8 3v10M4 9l4 4 4-4" />
  </Svg>
);
export const TrashIcon = () => (
  <Svg>
    <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
  </Svg>
);
export const UndoIcon = () => (
  <Svg>
    <path d="M5.5 3.5L2.5 6.5l3 3" />
    <path d="M2.5 6.5h7a3.5 3.5 0 010 7H7" />
  </Svg>
);
export const RedoIcon = () => (
  <Svg>
    <path d="M10.5 3.5l3 3-3 3" />
    <path d="M13.5 6.5h-7a3.5 3.5 0 000 7H9" />
  </Svg>
);
export const PlayIcon = () => (
  <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
    <path d="M4.5 2.8v10.4a.6.6 0 00.9.5l8.2-5.2a.6.6 0 000-1L5.4 2.3a.6.6 0 00-.9.5z" />
  </svg>
);
export const KeyIcon = () => (
  <Svg className="icon chip-icon">
    <circle cx="5.5" cy="8" r="2.75" />
    <path d="M8.25 8H14M12 8v2.25" />
  </Svg>
);
export const OutputIcon = () => (
  <Svg className="icon chip-icon">
    <path d="M3 3.5h6.5M3 8h4M3 12.5h6.5M10 6l3 2-3 2" />
  </Svg>
);
export const VariableIcon = () => (
  <Svg className="icon chip-icon">
    <path d="M5 3C3.5 3 3.5 4.5 3.5 6S2.5 8 2.5 8s1 0 1 2 0 3 1.5 3M11 3c1.5 0 1.5 1.5 1.5 3s1 2 1 2-1 0-1 2 0 3-1.5 3M6.5 6l3 4M9.5 6l-3 4" />
  </Svg>
);
export const GripIcon = () => (
  <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
    <circle cx="6" cy="4" r="1.1" />
    <circle cx="10" cy="4" r="1.1" />
    <circle cx="6" cy="8" r="1.1" />
    <circle cx="10" cy="8" r="1.1" />
    <circle cx="6" cy="12" r="1.1" />
    <circle cx="10" cy="12" r="1.1" />
  </svg>
);
export const SmallCloseIcon = () => (
  <Svg className="icon icon-small">
    <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
  </Svg>
);
export const BoltIcon = () => (
  <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
    <path d="M9.2 1.5L3.5 9h4l-1 5.5L12.5 7h-4l.7-5.5z" />
  </svg>
);
