import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type LotDetail } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Notice } from '../../components/Notice.tsx';
import { LedgerPanel } from '../../components/registry/LedgerPanel.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useRegistry, useVocabLabel } from '../../lib/registry.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** An ammunition lot with its ledger of movements and a form to record the next one. */
export function LotPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { canWrite, sites } = useRegistry();
  const label = useVocabLabel();
  const loaded = useAsync(() => api.lots.get(id), [id]);
  const [updated, setUpdated] = useState<LotDetail | null>(null);
  const [notice, setNotice] = useState('');
  const lot = updated && updated.id === id ? updated : loaded.data;
  usePageTitle(lot ? t('registry.lots.lotTitle', { lot: lot.lotNumber }) : t('registry.lots.title'));
  const lng = i18n.language;

  const breadcrumb = (
    <p className="breadcrumb">
      <Link to="/registry/lots">{t('registry.lots.title')}</Link>
    </p>
  );
  if (loaded.error && !lot) {
    return (
      <>
        {breadcrumb}
        <h1>{t('registry.lots.notFoundTitle')}</h1>
        <ErrorAlert error={loaded.error} />
      </>
    );
  }
  if (!lot) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  const none = <span className="muted">{t('common.none')}</span>;
  const site = lot.siteId ? sites.find((s) => s.id === lot.siteId)?.name : null;
  const facts: [string, ReactNode][] = [
    [t('registry.fields.category'), label('categories', lot.category)],
    [t('registry.fields.calibre'), lot.calibre ? label('calibres', lot.calibre) : none],
    [t('registry.lots.manufacturer'), lot.manufacturer ?? none],
    [
      t('registry.lots.headstamp'),
      lot.headstamp ? (
        <span key="h" className="serial">
          {lot.headstamp}
        </span>
      ) : (
        none
      ),
    ],
    [t('registry.lots.year'), lot.year ?? none],
    [t('registry.fields.quantity'), <strong key="q">{formatNumber(lot.quantity, lng)}</strong>],
    [t('registry.fields.status'), label('statuses', lot.status)],
    [t('registry.fields.site'), site ?? none],
  ];

  return (
    <>
      {breadcrumb}
      <h1>{t('registry.lots.lotTitle', { lot: lot.lotNumber })}</h1>
      <Notice>{notice}</Notice>
      <section className="panel" aria-labelledby="lot-facts">
        <h2 id="lot-facts">{t('registry.lots.facts')}</h2>
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {lot.notes && <p className="notes">{lot.notes}</p>}
      </section>
      <LedgerPanel
        subject="lot"
        events={lot.events}
        canWrite={canWrite}
        actionLabel={t('registry.lots.recordMovement')}
        intro={t('registry.lots.ledgerIntro')}
        record={async (body) => setUpdated(await api.lots.recordEvent(lot.id, body))}
        onRecorded={setNotice}
      />
    </>
  );
}
