import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Attachment, api } from '../../api/client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatBytes } from '../../lib/registry.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { Field } from '../Field.tsx';

export const ATTACHMENT_ROLES = [
  'overall_left',
  'overall_right',
  'marking',
  'packaging',
  'document',
  'other',
] as const;
type AttachmentRole = (typeof ATTACHMENT_ROLES)[number];

const isRole = (r: string | null): r is AttachmentRole =>
  (ATTACHMENT_ROLES as readonly string[]).includes(r ?? '');

function coordinates(a: Attachment): string | null {
  if (a.latitude === null || a.longitude === null) return null;
  const lat = `${Math.abs(a.latitude).toFixed(5)}° ${a.latitude >= 0 ? 'N' : 'S'}`;
  const lon = `${Math.abs(a.longitude).toFixed(5)}° ${a.longitude >= 0 ? 'E' : 'W'}`;
  return `${lat}, ${lon}`;
}

interface PhotosProps {
  weaponId: string;
  attachments: Attachment[];
  canWrite: boolean;
  onUploaded: () => void;
}

/** Photographs and scanned documents of a weapon: thumbnails, a full view with EXIF date and place, upload. */
export function Photos({ weaponId, attachments, canWrite, onUploaded }: PhotosProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<Attachment | null>(null);
  const roleLabel = (r: string | null) => (isRole(r) ? t(`registry.photos.roles.${r}`) : (r ?? ''));

  return (
    <>
      {attachments.length === 0 ? (
        <p className="muted">{t('registry.photos.none')}</p>
      ) : (
        <ul className="photo-grid">
          {attachments.map((a) => {
            const place = coordinates(a);
            return (
              <li key={a.id} className="photo-card">
                {a.hasThumbnail ? (
                  <button
                    type="button"
                    className="photo-open"
                    onClick={() => setOpen(a)}
                    aria-label={t('registry.photos.openNamed', {
                      role: roleLabel(a.role),
                      name: a.originalName ?? '',
                    })}
                  >
                    <img src={api.attachments.url(a.id, true)} alt="" loading="lazy" />
                  </button>
                ) : (
                  <a className="photo-file" href={api.attachments.url(a.id)} target="_blank" rel="noreferrer">
                    <span className="photo-file-type">
                      {a.mediaType.split('/')[1]?.toUpperCase() ?? a.mediaType}
                    </span>
                    <span className="visually-hidden">{a.originalName}</span>
                  </a>
                )}
                <div className="photo-meta">
                  <strong>{roleLabel(a.role)}</strong>
                  {a.takenAt && (
                    <span>
                      {t('registry.photos.taken', { date: formatDateTime(a.takenAt, i18n.language) })}
                    </span>
                  )}
                  {place && <span>{t('registry.photos.place', { place })}</span>}
                  <span className="muted">
                    {a.originalName} · {formatBytes(a.sizeBytes, i18n.language)}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {open && (
        <PhotoViewer attachment={open} roleLabel={roleLabel(open.role)} onClose={() => setOpen(null)} />
      )}
      {canWrite && <UploadForm weaponId={weaponId} onUploaded={onUploaded} roleLabel={roleLabel} />}
    </>
  );
}

function PhotoViewer({
  attachment: a,
  roleLabel,
  onClose,
}: {
  attachment: Attachment;
  roleLabel: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const place = coordinates(a);

  useEffect(() => {
    const opener = document.activeElement;
    ref.current?.showModal();
    return () => {
      if (opener instanceof HTMLElement) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog photo-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{roleLabel}</h2>
      <img src={api.attachments.url(a.id)} alt={t('registry.photos.alt', { role: roleLabel })} />
      <dl className="photo-facts">
        <div>
          <dt>{t('registry.photos.takenLabel')}</dt>
          <dd>{a.takenAt ? formatDateTime(a.takenAt, i18n.language) : t('registry.photos.unknown')}</dd>
        </div>
        <div>
          <dt>{t('registry.photos.placeLabel')}</dt>
          <dd>{place ?? t('registry.photos.unknown')}</dd>
        </div>
        {a.width && a.height && (
          <div>
            <dt>{t('registry.photos.size')}</dt>
            <dd>
              {a.width} × {a.height} · {formatBytes(a.sizeBytes, i18n.language)}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('registry.photos.file')}</dt>
          <dd className="cell-wrap">{a.originalName}</dd>
        </div>
      </dl>
      <div className="dialog-actions">
        <a className="button" href={api.attachments.url(a.id)} target="_blank" rel="noreferrer">
          {t('registry.photos.openOriginal')}
        </a>
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('registry.photos.close')}
        </button>
      </div>
    </dialog>
  );
}

function UploadForm({
  weaponId,
  onUploaded,
  roleLabel,
}: {
  weaponId: string;
  onUploaded: () => void;
  roleLabel: (r: string) => string;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<AttachmentRole>('overall_left');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await api.weapons.attach(weaponId, role, file);
      setDone(t('registry.photos.uploaded', { name: file.name }));
      setFile(null);
      if (input.current) input.current.value = '';
      onUploaded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="upload-form" onSubmit={submit}>
      <h3>{t('registry.photos.uploadTitle')}</h3>
      <p className="hint">{t('registry.photos.uploadHint')}</p>
      <ErrorAlert error={error} />
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      <div className="form-grid">
        <Field label={t('registry.photos.role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as AttachmentRole)}>
            {ATTACHMENT_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('registry.photos.fileLabel')}>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/tiff,image/heic,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !file}>
          {busy ? t('registry.photos.uploading') : t('registry.photos.upload')}
        </button>
      </div>
    </form>
  );
}
