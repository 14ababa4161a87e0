import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type ExportFormat, type WeaponSummary } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { formatNumber } from '../../lib/format.ts';
import { normalisedDiffers, useRegistry, useVocabLabel, useVocabOptions } from '../../lib/registry.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'category', 'make', 'calibre', 'status', 'siteId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;
const SORTS = ['serial', 'category', 'make', 'model', 'status', 'created_at'] as const;
type Sort = (typeof SORTS)[number];
const EXPORT_FORMATS: ExportFormat[] = ['csv', 'xlsx', 'json'];

const EMPTY: Filters = { q: '', category: '', make: '', calibre: '', status: '', siteId: '' };

/** The identifier a row is known by: the serial as read, else the registration number or marking code. */
function identifierOf(w: WeaponSummary): { text: string; kind: 'serial' | 'registration' | 'code' | 'none' } {
  if (w.serial) return { text: w.serial, kind: 'serial' };
  if (w.nationalRegistrationNumber) return { text: w.nationalRegistrationNumber, kind: 'registration' };
  if (w.nationalMarkingCode) return { text: w.nationalMarkingCode, kind: 'code' };
  return { text: '', kind: 'none' };
}

export function RegistryListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('registry.list.title'));
  const { organisationId, canWrite, sites, vocab } = useRegistry();
  const label = useVocabLabel();
  const options = useVocabOptions();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const lng = i18n.language;

  const applied: Filters = { ...EMPTY };
  for (const k of FILTER_KEYS) applied[k] = params.get(k) ?? '';
  const sortParam = params.get('sort');
  const sort: Sort = SORTS.includes(sortParam as Sort) ? (sortParam as Sort) : 'created_at';
  const direction = params.get('direction') === 'asc' ? 'asc' : 'desc';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const key = params.toString();

  const page = useAsync(
    () =>
      api.weapons.list({
        organisationId,
        ...Object.fromEntries(FILTER_KEYS.filter((k) => applied[k]).map((k) => [k, applied[k]])),
        sort,
        direction,
        limit: PAGE_SIZE,
        offset,
      }),
    [key, organisationId],
  );
  const [draft, setDraft] = useState<Filters>(applied);
  const [draftKey, setDraftKey] = useState(key);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // On a phone the filters other than the search fold away, unless one of them is in use.
  const [moreFilters, setMoreFilters] = useState(FILTER_KEYS.some((k) => k !== 'q' && applied[k]));

  // Back/forward changes the address: show the filters that address describes.
  if (draftKey !== key) {
    setDraftKey(key);
    setDraft(applied);
  }

  function go(filters: Filters, next: { sort?: Sort; direction?: string; offset?: number } = {}) {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (filters[k].trim()) p.set(k, filters[k].trim());
    const s = next.sort ?? sort;
    const d = next.direction ?? direction;
    if (s !== 'created_at' || d !== 'desc') {
      p.set('sort', s);
      p.set('direction', d);
    }
    if (next.offset) p.set('offset', String(next.offset));
    setParams(p);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    go(draft);
  }

  function sortBy(column: Sort) {
    const nextDirection = sort === column ? (direction === 'asc' ? 'desc' : 'asc') : 'asc';
    go(applied, { sort: column, direction: nextDirection });
  }

  function toggle(id: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const set = (k: FilterKey) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const filtered = FILTER_KEYS.some((k) => applied[k]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const allOnPage = items.length > 0 && items.every((w) => selected.has(w.id));
  const pieceCategories = vocab.categories.filter((c) => c.trackedBy === 'piece');

  const sortHeader = (column: Sort, text: string) => {
    const active = sort === column;
    return (
      <th
        scope="col"
        aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
        className="sortable"
      >
        <button type="button" className="sort-button" onClick={() => sortBy(column)}>
          {text}
          <span aria-hidden="true" className={`sort-icon${active ? ` sort-${direction}` : ''}`} />
          <span className="visually-hidden">
            {active
              ? direction === 'asc'
                ? t('registry.list.sortedAsc')
                : t('registry.list.sortedDesc')
              : t('registry.list.sortable')}
          </span>
        </button>
      </th>
    );
  };

  return (
    <>
      <div className="page-header">
        <h1>{t('registry.list.title')}</h1>
        {canWrite && (
          <div className="header-actions">
            <Link to="/registry/new" className="button button-primary">
              {t('registry.list.register')}
            </Link>
            <Link to="/registry/import" className="button">
              {t('registry.list.importInventory')}
            </Link>
          </div>
        )}
      </div>
      <p className="lead">{t('registry.list.intro')}</p>

      <form className="panel filters" onSubmit={submit} aria-label={t('registry.list.filters')}>
        <Field label={t('registry.list.search')} hint={t('registry.list.searchHint')} className="field-wide">
          <input
            type="search"
            value={draft.q}
            onChange={set('q')}
            autoComplete="off"
            spellCheck={false}
            className="input-mono"
          />
        </Field>
        <button
          type="button"
          className="link-button filters-toggle"
          aria-expanded={moreFilters}
          aria-controls="registry-more-filters"
          onClick={() => setMoreFilters((v) => !v)}
        >
          {moreFilters ? t('registry.list.fewerFilters') : t('registry.list.moreFilters')}
        </button>
        <div
          id="registry-more-filters"
          className={`form-grid form-grid-filters filters-more${moreFilters ? ' open' : ''}`}
        >
          <Field label={t('registry.fields.category')}>
            <select value={draft.category} onChange={set('category')}>
              <option value="">{t('registry.list.anyCategory')}</option>
              {pieceCategories.map((c) => (
                <option key={c.code} value={c.code}>
                  {label('categories', c.code)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('registry.fields.make')}>
            <input value={draft.make} onChange={set('make')} autoComplete="off" />
          </Field>
          <Field label={t('registry.fields.calibre')}>
            <input value={draft.calibre} onChange={set('calibre')} autoComplete="off" list="calibre-list" />
          </Field>
          <Field label={t('registry.fields.status')}>
            <select value={draft.status} onChange={set('status')}>
              <option value="">{t('registry.list.anyStatus')}</option>
              {options('statuses').map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('registry.fields.site')}>
            <select value={draft.siteId} onChange={set('siteId')}>
              <option value="">{t('registry.list.anySite')}</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <datalist id="calibre-list">
          {vocab.calibres.map((c) => (
            <option key={c.code} value={c.code}>
              {label('calibres', c.code)}
            </option>
          ))}
        </datalist>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('registry.list.searchButton')}
          </button>
          {filtered && (
            <button type="button" className="button" onClick={() => go(EMPTY, { sort, direction })}>
              {t('registry.list.clear')}
            </button>
          )}
        </div>
      </form>

      <div className="toolbar">
        <div className="toolbar-group">
          <span className="toolbar-label">{t('registry.list.export')}</span>
          {EXPORT_FORMATS.map((f) => (
            <a
              key={f}
              className="button button-small"
              href={api.weapons.exportUrl(organisationId, f)}
              download
              aria-label={t('registry.list.exportAs', { format: f.toUpperCase() })}
            >
              {f.toUpperCase()}
            </a>
          ))}
        </div>
        {canWrite && (
          <div className="toolbar-group">
            <span className="toolbar-label" role="status">
              {t('registry.list.selected', { count: selected.size })}
            </span>
            <button
              type="button"
              className="button button-small"
              disabled={selected.size === 0}
              onClick={() => navigate(`/registry/labels?ids=${[...selected].join(',')}`)}
            >
              {t('registry.list.printLabels')}
            </button>
            {selected.size > 0 && (
              <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
                {t('registry.list.clearSelection')}
              </button>
            )}
          </div>
        )}
      </div>

      <ErrorAlert error={page.error} />
      {page.loading && !page.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {page.data && (
        <p className="result-count" role="status">
          {total === 0
            ? filtered
              ? t('registry.list.noneMatch')
              : t('registry.list.empty')
            : t('registry.list.showing', {
                from: formatNumber(offset + 1, lng),
                to: formatNumber(Math.min(offset + items.length, total), lng),
                total: formatNumber(total, lng),
              })}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table registry-table" aria-busy={page.loading || undefined}>
            <caption className="visually-hidden">{t('registry.list.caption')}</caption>
            <thead>
              <tr>
                {canWrite && (
                  <th scope="col" className="cell-check">
                    <input
                      type="checkbox"
                      checked={allOnPage}
                      aria-label={t('registry.list.selectPage')}
                      onChange={() =>
                        setSelected((prev) => {
                          const next = new Set(prev);
                          for (const w of items) {
                            if (allOnPage) next.delete(w.id);
                            else next.add(w.id);
                          }
                          return next;
                        })
                      }
                    />
                  </th>
                )}
                {sortHeader('serial', t('registry.list.identifier'))}
                {sortHeader('category', t('registry.fields.category'))}
                {sortHeader('make', t('registry.fields.make'))}
                {sortHeader('model', t('registry.fields.model'))}
                <th scope="col">{t('registry.fields.calibre')}</th>
                {sortHeader('status', t('registry.fields.status'))}
                <th scope="col">{t('registry.fields.site')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => {
                const id = identifierOf(w);
                const checked = selected.has(w.id);
                return (
                  <tr key={w.id} className={checked ? 'row-selected' : undefined}>
                    {canWrite && (
                      <td className="cell-check">
                        <input
                          type="checkbox"
                          checked={checked}
                          onChange={() => toggle(w.id)}
                          aria-label={t('registry.list.selectWeapon', {
                            name: id.text || label('categories', w.category),
                          })}
                        />
                      </td>
                    )}
                    <th scope="row" className="cell-title">
                      <Link to={`/registry/weapons/${w.id}`} className="serial-link">
                        {id.kind === 'none' ? (
                          <span className="muted">{t('registry.list.noIdentifier')}</span>
                        ) : (
                          <span className={id.kind === 'serial' ? 'serial' : undefined}>{id.text}</span>
                        )}
                      </Link>
                      {id.kind === 'registration' && (
                        <span className="code-note">{t('registry.list.registrationNumber')}</span>
                      )}
                      {id.kind === 'code' && (
                        <span className="code-note">{t('registry.list.markingCode')}</span>
                      )}
                      {id.kind === 'serial' &&
                        w.serialNormalised &&
                        normalisedDiffers(w.serial!, w.serialNormalised) && (
                          <span className="code-note">
                            {t('registry.list.readAs', { serial: w.serialNormalised })}
                          </span>
                        )}
                    </th>
                    <td data-label={t('registry.fields.category')}>{label('categories', w.category)}</td>
                    <td data-label={t('registry.fields.make')} className="cell-wrap">
                      {w.make ?? <span className="muted">{t('common.none')}</span>}
                    </td>
                    <td data-label={t('registry.fields.model')} className="cell-wrap">
                      {w.model ?? <span className="muted">{t('common.none')}</span>}
                    </td>
                    <td data-label={t('registry.fields.calibre')}>
                      {w.calibre ? (
                        label('calibres', w.calibre)
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                    <td data-label={t('registry.fields.status')}>
                      <span className={`item-status item-status-${w.status}`}>
                        {label('statuses', w.status)}
                      </span>
                    </td>
                    <td data-label={t('registry.fields.site')} className="cell-wrap">
                      {(w.siteId && siteName.get(w.siteId)) ?? (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('registry.list.paging')}>
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => go(applied, { offset: Math.max(0, offset - PAGE_SIZE) })}
          >
            {t('common.previous')}
          </button>
          <span>
            {t('registry.list.pageOf', {
              page: formatNumber(Math.floor(offset / PAGE_SIZE) + 1, lng),
              pages: formatNumber(Math.ceil(total / PAGE_SIZE), lng),
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + PAGE_SIZE >= total}
            onClick={() => go(applied, { offset: offset + PAGE_SIZE })}
          >
            {t('common.next')}
          </button>
        </nav>
      )}
    </>
  );
}
