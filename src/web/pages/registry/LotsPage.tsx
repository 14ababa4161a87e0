import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { formatNumber } from '../../lib/format.ts';
import { compact, useRegistry, useVocabLabel } from '../../lib/registry.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

const PAGE_SIZE = 50;

/** Ammunition lots (batches): searched by lot number and calibre; quantities move only by events. */
export function LotsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('registry.lots.title'));
  const { organisationId, canWrite, sites, vocab } = useRegistry();
  const label = useVocabLabel();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const calibre = params.get('calibre') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const key = params.toString();
  const page = useAsync(
    () =>
      api.lots.list({
        organisationId,
        q: q || undefined,
        calibre: calibre || undefined,
        limit: PAGE_SIZE,
        offset,
      }),
    [key, organisationId],
  );
  const [draft, setDraft] = useState({ q, calibre });
  const [draftKey, setDraftKey] = useState(key);
  const [adding, setAdding] = useState(false);
  const lng = i18n.language;
  if (draftKey !== key) {
    setDraftKey(key);
    setDraft({ q, calibre });
  }

  function go(next: { q: string; calibre: string }, newOffset = 0) {
    const p = new URLSearchParams();
    if (next.q.trim()) p.set('q', next.q.trim());
    if (next.calibre.trim()) p.set('calibre', next.calibre.trim());
    if (newOffset) p.set('offset', String(newOffset));
    setParams(p);
  }

  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const siteName = new Map(sites.map((s) => [s.id, s.name]));

  return (
    <>
      <div className="page-header">
        <h1>{t('registry.lots.title')}</h1>
        {canWrite && !adding && (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            {t('registry.lots.register')}
          </button>
        )}
      </div>
      <p className="lead">{t('registry.lots.intro')}</p>
      {adding && (
        <section className="panel" aria-labelledby="lot-form-title">
          <h2 id="lot-form-title">{t('registry.lots.registerTitle')}</h2>
          <RegisterLotForm onCancel={() => setAdding(false)} />
        </section>
      )}

      <form
        className="panel filters"
        aria-label={t('registry.lots.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          go(draft);
        }}
      >
        <div className="form-grid form-grid-filters">
          <Field label={t('registry.lots.lotNumber')}>
            <input
              type="search"
              className="input-mono"
              value={draft.q}
              onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))}
            />
          </Field>
          <Field label={t('registry.fields.calibre')}>
            <input
              list="lot-calibres"
              value={draft.calibre}
              onChange={(e) => setDraft((d) => ({ ...d, calibre: e.target.value }))}
            />
          </Field>
        </div>
        <datalist id="lot-calibres">
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
        </div>
      </form>

      <ErrorAlert error={page.error} />
      {page.data && (
        <p className="result-count" role="status">
          {total === 0
            ? t('registry.lots.empty')
            : t('registry.lots.showing', {
                from: formatNumber(offset + 1, lng),
                to: formatNumber(Math.min(offset + items.length, total), lng),
                total: formatNumber(total, lng),
              })}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('registry.lots.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registry.lots.lotNumber')}</th>
                <th scope="col">{t('registry.fields.category')}</th>
                <th scope="col">{t('registry.fields.calibre')}</th>
                <th scope="col">{t('registry.lots.manufacturer')}</th>
                <th scope="col">{t('registry.fields.quantity')}</th>
                <th scope="col">{t('registry.fields.status')}</th>
                <th scope="col">{t('registry.fields.site')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((lot) => (
                <tr key={lot.id}>
                  <th scope="row" className="cell-title">
                    <Link to={`/registry/lots/${lot.id}`} className="serial-link">
                      <span className="serial">{lot.lotNumber}</span>
                    </Link>
                  </th>
                  <td data-label={t('registry.fields.category')}>{label('categories', lot.category)}</td>
                  <td data-label={t('registry.fields.calibre')}>
                    {lot.calibre ? (
                      label('calibres', lot.calibre)
                    ) : (
                      <span className="muted">{t('common.none')}</span>
                    )}
                  </td>
                  <td data-label={t('registry.lots.manufacturer')}>
                    {lot.manufacturer ?? <span className="muted">{t('common.none')}</span>}
                  </td>
                  <td data-label={t('registry.fields.quantity')} className="cell-number">
                    {formatNumber(lot.quantity, lng)}
                  </td>
                  <td data-label={t('registry.fields.status')}>{label('statuses', lot.status)}</td>
                  <td data-label={t('registry.fields.site')}>
                    {(lot.siteId && siteName.get(lot.siteId)) ?? (
                      <span className="muted">{t('common.none')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('registry.lots.paging')}>
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => go({ q, calibre }, Math.max(0, offset - PAGE_SIZE))}
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
            onClick={() => go({ q, calibre }, offset + PAGE_SIZE)}
          >
            {t('common.next')}
          </button>
        </nav>
      )}
    </>
  );
}

function RegisterLotForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { organisationId, vocab, sites } = useRegistry();
  const label = useVocabLabel();
  const navigate = useNavigate();
  const [draft, setDraft] = useState({
    category: 'small_arms_ammunition',
    lotNumber: '',
    calibre: '',
    manufacturer: '',
    headstamp: '',
    year: '',
    quantity: '',
    siteId: '',
    notes: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const lot = await api.lots.register({
        organisationId,
        category: draft.category,
        lotNumber: draft.lotNumber.trim(),
        quantity: Number(draft.quantity),
        ...compact({
          calibre: draft.calibre,
          manufacturer: draft.manufacturer,
          headstamp: draft.headstamp,
          siteId: draft.siteId,
          notes: draft.notes,
        }),
        ...(draft.year ? { year: Number(draft.year) } : {}),
      });
      navigate(`/registry/lots/${lot.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = {
    category: t('registry.fields.category'),
    lotNumber: t('registry.lots.lotNumber'),
    calibre: t('registry.fields.calibre'),
    manufacturer: t('registry.lots.manufacturer'),
    headstamp: t('registry.lots.headstamp'),
    year: t('registry.lots.year'),
    quantity: t('registry.fields.quantity'),
    siteId: t('registry.fields.site'),
    notes: t('registry.fields.notes'),
  };
  return (
    <form onSubmit={submit}>
      <ErrorAlert error={error} fieldLabels={labels} />
      <div className="form-grid">
        <Field label={labels.category} error={fieldError(error, 'category')}>
          <select value={draft.category} onChange={set('category')}>
            {vocab.categories
              .filter((c) => c.trackedBy === 'lot')
              .map((c) => (
                <option key={c.code} value={c.code}>
                  {label('categories', c.code)}
                </option>
              ))}
          </select>
        </Field>
        <Field
          label={labels.lotNumber}
          hint={t('registry.lots.lotNumberHint')}
          error={fieldError(error, 'lotNumber')}
        >
          <input
            className="input-mono"
            required
            maxLength={100}
            value={draft.lotNumber}
            onChange={set('lotNumber')}
          />
        </Field>
        <Field
          label={labels.quantity}
          hint={t('registry.lots.quantityHint')}
          error={fieldError(error, 'quantity')}
        >
          <input
            type="number"
            inputMode="numeric"
            min={1}
            required
            value={draft.quantity}
            onChange={set('quantity')}
          />
        </Field>
        <Field label={labels.calibre} optional error={fieldError(error, 'calibre')}>
          <input list="lot-calibres" maxLength={100} value={draft.calibre} onChange={set('calibre')} />
        </Field>
        <Field label={labels.manufacturer} optional error={fieldError(error, 'manufacturer')}>
          <input maxLength={200} value={draft.manufacturer} onChange={set('manufacturer')} />
        </Field>
        <Field
          label={labels.headstamp}
          optional
          hint={t('registry.lots.headstampHint')}
          error={fieldError(error, 'headstamp')}
        >
          <input className="input-mono" maxLength={200} value={draft.headstamp} onChange={set('headstamp')} />
        </Field>
        <Field label={labels.year} optional error={fieldError(error, 'year')}>
          <input
            className="input-year"
            type="number"
            inputMode="numeric"
            min={1800}
            max={2100}
            value={draft.year}
            onChange={set('year')}
          />
        </Field>
        <Field label={labels.siteId} optional error={fieldError(error, 'siteId')}>
          <select value={draft.siteId} onChange={set('siteId')}>
            <option value="">{t('registry.event.noSite')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={labels.notes} optional error={fieldError(error, 'notes')}>
        <textarea rows={2} maxLength={4000} value={draft.notes} onChange={set('notes')} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('registry.lots.registerSubmit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
