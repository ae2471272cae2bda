import { fingerprintGroups } from '../../format/fingerprint';

/** A fingerprint in large monospace groups of four, to read aloud and compare. */
export function FingerprintView({ fingerprint, label = 'Fingerprint' }: { fingerprint: string; label?: string }) {
  const groups = fingerprintGroups(fingerprint);
  return (
    <div className="fingerprint-block">
      <p className="field-label">{label}</p>
      <p className="fingerprint" data-testid="fingerprint">
        {groups.map((group, index) => (
          <span key={index} className="fingerprint-group">
            {group}
            {index < groups.length - 1 ? ' ' : ''}
          </span>
        ))}
      </p>
    </div>
  );
}
