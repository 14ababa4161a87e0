import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useRegistry } from '../../lib/registry.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { Field } from '../Field.tsx';

interface SiteSelectProps {
  label: string;
  value: string;
  onChange: (siteId: string) => void;
  error?: string;
}

/** Chooses one of the organisation's sites, or adds a new one by name without leaving the form. */
export function SiteSelect({ label, value, onChange, error }: SiteSelectProps) {
  const { t } = useTranslation();
  const { sites, organisationId, reloadSites } = useRegistry();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [addError, setAddError] = useState<unknown>(null);

  async function add() {
    if (!name.trim()) return;
    setBusy(true);
    setAddError(null);
    try {
      const site = await api.registry.createSite({ organisationId, name: name.trim() });
      reloadSites();
      onChange(site.id);
      setAdding(false);
      setName('');
    } catch (e) {
      setAddError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="site-select">
      <Field label={label} optional error={error}>
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('registry.event.noSite')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      {!adding ? (
        <button type="button" className="link-button site-add" onClick={() => setAdding(true)}>
          {t('registry.sites.add')}
        </button>
      ) : (
        <div className="site-add-form">
          <ErrorAlert error={addError} />
          <Field label={t('registry.sites.name')} hint={t('registry.sites.nameHint')}>
            <input
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                // Enter adds the site rather than submitting the surrounding form.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void add();
                }
              }}
            />
          </Field>
          <div className="form-actions">
            <button
              type="button"
              className="button button-small"
              disabled={busy || !name.trim()}
              onClick={add}
            >
              {t('registry.sites.create')}
            </button>
            <button type="button" className="button button-small" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
