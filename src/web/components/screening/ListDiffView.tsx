import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FieldChange, ListDiff } from '../../api/screening.ts';
import { formatNumber } from '../../lib/format.ts';

/** A full UN list update changes about a hundred designations; past this many, the rest wait for a click. */
const FIRST_SHOWN = 50;

export function designationPath(source: string, ref: string): string {
  return `/screening/designations/${encodeURIComponent(source)}/${encodeURIComponent(ref)}`;
}

/** Text as text; anything else as one line of JSON, so that a changed alias or document reads as one value. */
function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'string') return <span className="screening-diff-text">{value}</span>;
  return <code>{JSON.stringify(value)}</code>;
}

/** What changed from one version of a list to another: counts, added and removed references, changed fields. */
export function ListDiffView({ diff }: { diff: ListDiff }) {
  const { t, i18n } = useTranslation('screening');
  const lng = i18n.language;
  const [showAll, setShowAll] = useState(false);
  const firstHidden = useRef<HTMLLIElement>(null);
  const shown = showAll ? diff.changed : diff.changed.slice(0, FIRST_SHOWN);
  const nothing = diff.added.length + diff.removed.length + diff.changed.length === 0;

  // The "show all" button disappears when pressed: move focus to the first designation it revealed.
  useEffect(() => {
    if (showAll) firstHidden.current?.focus();
  }, [showAll]);

  const counts = [
    ['added', diff.added.length],
    ['removed', diff.removed.length],
    ['changed', diff.changed.length],
    ['unchanged', diff.unchanged],
  ] as const;

  return (
    <div className="screening-diff">
      <p className="screening-diff-summary">
        {t('lists.diff.summary', { source: diff.source, from: diff.fromVersion, to: diff.toVersion })}
      </p>
      <dl className="screening-diff-counts" aria-label={t('lists.diff.counts')}>
        {counts.map(([key, n]) => (
          <div key={key} className={`screening-diff-count screening-diff-count-${key}`}>
            <dt>{t(`lists.diff.${key}`)}</dt>
            <dd>{formatNumber(n, lng)}</dd>
          </div>
        ))}
      </dl>
      {nothing && <p>{t('lists.diff.noChange')}</p>}

      <RefList title={t('lists.diff.addedTitle')} source={diff.source} refs={diff.added} />
      <RefList title={t('lists.diff.removedTitle')} source={diff.source} refs={diff.removed} />

      {diff.changed.length > 0 && (
        <>
          <h3>
            {t('lists.diff.changedTitle')} ({formatNumber(diff.changed.length, lng)})
          </h3>
          <ol className="screening-diff-changed">
            {shown.map((c, i) => (
              <li
                key={c.ref}
                ref={i === FIRST_SHOWN ? firstHidden : undefined}
                tabIndex={i === FIRST_SHOWN ? -1 : undefined}
              >
                <ChangedDesignation source={diff.source} change={c} />
              </li>
            ))}
          </ol>
          {!showAll && diff.changed.length > FIRST_SHOWN && (
            <div className="screening-diff-more">
              <p className="muted">
                {t('lists.diff.showing', {
                  shown: formatNumber(FIRST_SHOWN, lng),
                  total: formatNumber(diff.changed.length, lng),
                })}
              </p>
              <button type="button" className="button" onClick={() => setShowAll(true)}>
                {t('lists.diff.showAll', { count: diff.changed.length })}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Added or removed reference numbers, each opening the designation (which keeps its history). */
function RefList({ title, source, refs }: { title: string; source: string; refs: string[] }) {
  const { t, i18n } = useTranslation('screening');
  if (refs.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({formatNumber(refs.length, i18n.language)})
      </h3>
      <ul className="screening-refs">
        {refs.map((ref) => (
          <li key={ref}>
            <Link
              to={designationPath(source, ref)}
              className="reference"
              aria-label={t('lists.diff.openDesignation', { ref })}
            >
              {ref}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function ChangedDesignation({ source, change }: { source: string; change: ListDiff['changed'][number] }) {
  const { t } = useTranslation('screening');
  return (
    <article className="screening-diff-item" aria-label={`${change.ref} ${change.name}`}>
      <h4>
        <Link
          to={designationPath(source, change.ref)}
          className="reference"
          aria-label={t('lists.diff.openDesignation', { ref: change.ref })}
        >
          {change.ref}
        </Link>{' '}
        {change.name}
      </h4>
      <dl className="screening-diff-fields">
        {change.fields.map((f) => (
          <div key={f.field}>
            <dt>{t(`lists.fields.${f.field as 'name'}`, { defaultValue: f.field })}</dt>
            <dd>
              <FieldChangeView change={f} />
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

/** A list field shows only the elements added and removed; any other field its value before and after. */
function FieldChangeView({ change }: { change: FieldChange }) {
  const { t } = useTranslation('screening');
  const added = change.added ?? [];
  const removed = change.removed ?? [];
  if (added.length + removed.length > 0) {
    return (
      <ul className="screening-diff-elements">
        {removed.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same element may be removed twice; order is fixed.
          <li key={`r${i}`} className="screening-diff-removed">
            <span className="screening-diff-mark">{t('lists.diff.fieldRemoved')}:</span> <Value value={v} />
          </li>
        ))}
        {added.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same element may be added twice; order is fixed.
          <li key={`a${i}`} className="screening-diff-added">
            <span className="screening-diff-mark">{t('lists.diff.fieldAdded')}:</span> <Value value={v} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="screening-diff-elements">
      <li className="screening-diff-removed">
        <span className="screening-diff-mark">{t('lists.diff.before')}:</span> <Value value={change.before} />
      </li>
      <li className="screening-diff-added">
        <span className="screening-diff-mark">{t('lists.diff.after')}:</span> <Value value={change.after} />
      </li>
    </ul>
  );
}
