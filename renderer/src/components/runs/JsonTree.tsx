import { JsonView, type Props } from 'react-json-view-lite';

type StyleProps = Required<NonNullable<Props['style']>>;

/** The library's parts, drawn with the app's own classes (runs.css): its colours, fonts and contrast. */
const STYLE: StyleProps = {
  container: 'json-tree',
  basicChildStyle: 'json-tree-row',
  childFieldsContainer: 'json-tree-children',
  label: 'json-tree-key',
  clickableLabel: 'json-tree-key json-tree-clickable',
  nullValue: 'json-tree-null',
  undefinedValue: 'json-tree-null',
  numberValue: 'json-tree-number',
  stringValue: 'json-tree-string',
  booleanValue: 'json-tree-boolean',
  otherValue: 'json-tree-other',
  punctuation: 'json-tree-punctuation',
  expandIcon: 'json-tree-toggle json-tree-expand',
  collapseIcon: 'json-tree-toggle json-tree-collapse',
  collapsedContent: 'json-tree-collapsed',
  noQuotesForStringValues: false,
  quotesForFieldNames: true,
  stringifyStringValues: true,
  ariaLables: { collapseJson: 'Collapse', expandJson: 'Expand' },
};

/** Levels open at first: enough to read a typical API answer; deeper ones open on demand. */
const OPEN_LEVELS = 2;
const openNear = (level: number) => level < OPEN_LEVELS;

/** JSON (already redacted by main) as a tree whose objects and arrays fold. */
export function JsonTree({ value, label }: { value: object; label: string }) {
  return (
    <div className="run-json">
      <JsonView data={value} style={STYLE} shouldExpandNode={openNear} aria-label={label} />
    </div>
  );
}
