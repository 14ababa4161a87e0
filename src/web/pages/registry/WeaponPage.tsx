import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, type WeaponDetail } from '../../api/client.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Notice } from '../../components/Notice.tsx';
import { LedgerPanel } from '../../components/registry/LedgerPanel.tsx';
import {
  emptyMarking,
  type MarkingDraft,
  MarkingFields,
  markingBody,
} from '../../components/registry/MarkingFields.tsx';
import { Photos } from '../../components/registry/Photos.tsx';
import { nonLatinCharacters, useRegistry, useVocabLabel, weaponName } from '../../lib/registry.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

export function WeaponPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const weapon = useAsync(() => api.weapons.get(id), [id]);
  const [updated, setUpdated] = useState<WeaponDetail | null>(null);
  const data = updated && updated.id === id ? updated : weapon.data;
  const registered = (location.state as { registered?: boolean } | null)?.registered === true;

  if (weapon.error && !data) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/registry">{t('registry.list.title')}</Link>
        </p>
        <h1>{t('registry.weapon.notFoundTitle')}</h1>
        <ErrorAlert error={weapon.error} />
      </>
    );
  }
  if (!data) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <WeaponView
      weapon={data}
      registered={registered}
      onChange={(next) => setUpdated(next)}
      reload={() => {
        setUpdated(null);
        weapon.reload();
      }}
    />
  );
}

function WeaponView({
  weapon: w,
  registered,
  onChange,
  reload,
}: {
  weapon: WeaponDetail;
  registered: boolean;
  onChange: (w: WeaponDetail) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const { canWrite } = useRegistry();
  const label = useVocabLabel();
  const [notice, setNotice] = useState(registered ? t('registry.weapon.registered') : '');
  const categoryLabel = label('categories', w.category);
  const title = weaponName(w) || categoryLabel;
  const identifier = w.serial ?? w.nationalRegistrationNumber ?? w.nationalMarkingCode;
  usePageTitle(title);
  const none = <span className="muted">{t('common.none')}</span>;
  const show = (v: ReactNode) => (v === null || v === undefined || v === '' ? none : v);

  const serialRead = w.serial ? (
    <>
      <span className="serial serial-large">{w.serial}</span>
      {nonLatinCharacters(w.serial).map((n) => (
        <span key={n.script} className="code-note script-note">
          {t('registry.weapon.otherScript', {
            script:
              n.script === 'other' ? t('registry.weapon.otherScriptUnknown') : label('scripts', n.script),
            chars: n.chars.join(' '),
          })}
        </span>
      ))}
    </>
  ) : (
    <span className="muted">{t('registry.weapon.noSerial')}</span>
  );
  const identity: [string, ReactNode][] = [
    [t('registry.fields.category'), label('categories', w.category)],
    [t('registry.fields.make'), show(w.make)],
    [t('registry.fields.model'), show(w.model)],
    [t('registry.fields.calibre'), show(w.calibre && label('calibres', w.calibre))],
    [t('registry.weapon.serialRead'), serialRead],
    [
      t('registry.weapon.serialNormalised'),
      w.serialNormalised ? (
        <>
          <span className="serial">{w.serialNormalised}</span>
          {w.serialNormalised.includes('?') && (
            <span className="code-note">
              {t('registry.weapon.unreadable', {
                count: [...w.serialNormalised].filter((c) => c === '?').length,
              })}
            </span>
          )}
        </>
      ) : (
        none
      ),
    ],
    [t('registry.fields.countryOfManufacture'), show(w.countryOfManufacture)],
    [t('registry.fields.yearOfManufacture'), show(w.yearOfManufacture)],
    [
      t('registry.weapon.importMarks'),
      w.importCountry || w.importYear ? [w.importCountry, w.importYear].filter(Boolean).join(', ') : none,
    ],
    [
      t('registry.fields.nationalRegistrationNumber'),
      show(w.nationalRegistrationNumber && <span className="serial">{w.nationalRegistrationNumber}</span>),
    ],
    [
      t('registry.fields.nationalMarkingCode'),
      w.nationalMarkingCode ? (
        <span key="code" className="serial">
          {w.nationalMarkingCode}
        </span>
      ) : (
        none
      ),
    ],
    [t('registry.fields.condition'), label('conditions', w.condition)],
    [
      t('registry.fields.status'),
      <span key="s" className={`item-status item-status-${w.status}`}>
        {label('statuses', w.status)}
      </span>,
    ],
    [t('registry.fields.site'), show(w.siteName)],
    [t('registry.fields.holder'), show(w.holder)],
    [t('registry.fields.confidentiality'), t(`confidentiality.${w.confidentiality}`)],
  ];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/registry">{t('registry.list.title')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="subtitle">
            {title !== categoryLabel && <>{categoryLabel} · </>}
            {identifier ? <span className="serial">{identifier}</span> : t('registry.list.noIdentifier')}
          </p>
        </div>
        {canWrite && (
          <div className="header-actions">
            {w.nationalMarkingCode ? (
              <Link to={`/registry/labels?ids=${w.id}`} className="button">
                {t('registry.weapon.printLabel')}
              </Link>
            ) : (
              <Link to={`/registry/labels?ids=${w.id}`} className="button">
                {t('registry.weapon.issueCode')}
              </Link>
            )}
          </div>
        )}
      </div>
      <Notice>{notice}</Notice>

      <section className="panel" aria-labelledby="identity-title">
        <h2 id="identity-title">{t('registry.weapon.identity')}</h2>
        <dl className="facts">
          {identity.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {w.notes && (
          <>
            <h3>{t('registry.fields.notes')}</h3>
            <p className="notes">{w.notes}</p>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="markings-title">
        <h2 id="markings-title">{t('registry.weapon.markings')}</h2>
        <Markings weapon={w} canWrite={canWrite} onChange={onChange} />
      </section>

      <section className="panel" aria-labelledby="photos-title">
        <h2 id="photos-title">{t('registry.weapon.photos')}</h2>
        <Photos weaponId={w.id} attachments={w.attachments} canWrite={canWrite} onUploaded={reload} />
      </section>

      <LedgerPanel
        subject="weapon"
        events={w.events}
        canWrite={canWrite}
        actionLabel={t('registry.weapon.recordEvent')}
        intro={t('registry.weapon.ledgerIntro')}
        record={async (body) => onChange(await api.weapons.recordEvent(w.id, body))}
        onRecorded={setNotice}
      />
    </>
  );
}

function Markings({
  weapon: w,
  canWrite,
  onChange,
}: {
  weapon: WeaponDetail;
  canWrite: boolean;
  onChange: (w: WeaponDetail) => void;
}) {
  const { t } = useTranslation();
  const label = useVocabLabel();
  const [draft, setDraft] = useState<MarkingDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await api.weapons.addMarking(w.id, markingBody(draft)));
      setDraft(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {w.markings.length === 0 ? (
        <p className="muted">{t('registry.weapon.noMarkings')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('registry.weapon.markings')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registry.marking.kind')}</th>
                <th scope="col">{t('registry.marking.textShort')}</th>
                <th scope="col">{t('registry.marking.script')}</th>
                <th scope="col">{t('registry.marking.transliteration')}</th>
                <th scope="col">{t('registry.marking.position')}</th>
              </tr>
            </thead>
            <tbody>
              {w.markings.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="cell-title">
                    {label('marking-kinds', m.kind)}
                  </th>
                  <td data-label={t('registry.marking.textShort')}>
                    <span className="marking-text">{m.text}</span>
                  </td>
                  <td data-label={t('registry.marking.script')}>
                    {m.script ? (
                      label('scripts', m.script)
                    ) : (
                      <span className="muted">{t('common.none')}</span>
                    )}
                  </td>
                  <td data-label={t('registry.marking.transliteration')}>
                    {m.transliteration ?? <span className="muted">{t('common.none')}</span>}
                  </td>
                  <td data-label={t('registry.marking.position')}>
                    {m.position ? (
                      label('marking-positions', m.position)
                    ) : (
                      <span className="muted">{t('common.none')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite &&
        (draft ? (
          <form onSubmit={submit} className="subpanel" noValidate>
            <ErrorAlert error={error} />
            <MarkingFields
              marking={draft}
              number={w.markings.length + 1}
              onChange={setDraft}
              errorFor={(f) => fieldError(error, `marking.${f}`) ?? fieldError(error, f)}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy || !draft.text.trim()}>
                {t('registry.weapon.saveMarking')}
              </button>
              <button type="button" className="button" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button" onClick={() => setDraft(emptyMarking(1))}>
            {t('registry.weapon.addMarking')}
          </button>
        ))}
    </>
  );
}
