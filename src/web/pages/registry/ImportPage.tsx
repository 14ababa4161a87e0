import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ITEM_FIELDS, type ItemField } from '../../../modules/registry/domain/inventory-import/fields.ts';
import {
  api,
  type ImportMapping,
  type ImportPreview,
  type ImportStatus,
  type ImportSummary,
} from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { formatNumber } from '../../lib/format.ts';
import {
  columnLetter,
  compact,
  formatBytes,
  useRegistry,
  useVocabLabel,
  useVocabOptions,
} from '../../lib/registry.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** The fields a column of an inventory can hold: the server's own list, so the two cannot drift. */
export const IMPORT_FIELDS = ITEM_FIELDS;
type ImportField = ItemField;

const POLL_MS = 500;
const TERMINAL = new Set(['done', 'rejected', 'checked', 'failed']);
/** Files up to this size are read in the browser to count their lines, for the progress bar. */
const COUNT_LINES_UP_TO = 64 * 1024 * 1024;

type Phase = 'upload' | 'map' | 'running' | 'done';

/** Lines in a CSV file, to size the progress bar (an estimate: quoted cells may span lines). */
async function countLines(file: File): Promise<number | null> {
  if (!file.name.toLowerCase().endsWith('.csv') || file.size > COUNT_LINES_UP_TO) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let lines = 0;
  for (const b of bytes) if (b === 10) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) lines++;
  return lines;
}

/** For each column (by index), the field the preview maps it to. */
function fieldsByColumn(preview: ImportPreview): Map<number, ImportField> {
  return new Map(Object.entries(preview.columns).map(([field, column]) => [column, field as ImportField]));
}

/** Key of a column in the mapping sent to the server: its header text, or its letter when it has none. */
function columnKey(preview: ImportPreview, column: number): string {
  return preview.headers[column]?.trim() || columnLetter(column);
}

/**
 * Imports a baseline inventory in four steps: upload, check the detected columns, run (a check
 * that saves nothing, or the import), result. Re-importing a corrected file adds only the rows that
 * were refused before: the others are found unchanged.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('registry.import.title'));
  const { organisationId, canWrite, reloadSites } = useRegistry();
  const lng = i18n.language;
  const [phase, setPhase] = useState<Phase>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [lines, setLines] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [overrides, setOverrides] = useState<Record<string, ImportField | null>>({});
  const [headerRow, setHeaderRow] = useState('');
  const [defaults, setDefaults] = useState<Partial<Record<ImportField, string>>>({});
  const [partial, setPartial] = useState(false);
  const [registeredOn, setRegisteredOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState<{ importId: string; dryRun: boolean } | null>(null);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [result, setResult] = useState<ImportStatus | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Polls the running import every half second until it has finished.
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.imports.status(running.importId);
        if (stopped) return;
        setStatus(next);
        if (TERMINAL.has(next.status)) {
          setResult(next);
          setRunning(null);
          if (next.status === 'done') {
            setPhase('done');
            reloadSites();
          } else setPhase('map');
          return;
        }
      } catch (e) {
        if (stopped) return;
        setError(e);
        setRunning(null);
        setPhase('map');
        return;
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, reloadSites]);

  // Each new step moves the reader's focus to its heading.
  useEffect(() => {
    if (phase !== 'upload') heading.current?.focus();
  }, [phase]);

  if (!canWrite) {
    return (
      <>
        <h1>{t('registry.import.title')}</h1>
        <p>{t('registry.readOnly')}</p>
      </>
    );
  }

  function restart() {
    setPhase('upload');
    setFile(null);
    setLines(null);
    setPreview(null);
    setOverrides({});
    setHeaderRow('');
    setDefaults({});
    setResult(null);
    setStatus(null);
    setError(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const [uploaded, counted] = await Promise.all([
        api.imports.upload(organisationId, file),
        countLines(file).catch(() => null),
      ]);
      setPreview(uploaded);
      setLines(counted);
      setHeaderRow(uploaded.headerRow ? String(uploaded.headerRow) : '');
      setOverrides({});
      setResult(null);
      setPhase('map');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function mapping(columns = overrides): ImportMapping {
    const row = Number(headerRow);
    return {
      ...(row >= 1 ? { headerRow: row } : {}),
      ...(Object.keys(columns).length ? { columns } : {}),
      ...(Object.keys(compact(defaults)).length
        ? { defaults: compact(defaults) as Record<string, string> }
        : {}),
    };
  }

  async function refresh(next: Record<string, ImportField | null>) {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const row = Number(headerRow);
      const updated = await api.imports.preview(preview.importId, {
        ...(row >= 1 ? { headerRow: row } : {}),
        ...(Object.keys(next).length ? { columns: next } : {}),
      });
      setPreview(updated);
      setOverrides(next);
      // What the last check found no longer describes the file as it will now be read.
      setResult(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function changeColumn(column: number, field: ImportField | '') {
    if (!preview) return;
    const next = { ...overrides, [columnKey(preview, column)]: field || null };
    // A field maps to one column: the column that had it is set aside.
    if (field) {
      const current = preview.columns[field];
      if (current !== undefined && current !== column) next[columnKey(preview, current)] = null;
    }
    void refresh(next);
  }

  async function run(dryRun: boolean) {
    if (!preview) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await api.imports.run(preview.importId, {
        mapping: mapping(),
        partial,
        dryRun,
        registeredOn: registeredOn || undefined,
      });
      setRunning({ importId: preview.importId, dryRun });
      setPhase('running');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const step = phase === 'upload' ? 1 : phase === 'map' ? 2 : phase === 'running' ? 3 : 4;
  const steps = [
    t('registry.import.steps.upload'),
    t('registry.import.steps.columns'),
    t('registry.import.steps.run'),
    t('registry.import.steps.result'),
  ];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/registry">{t('registry.list.title')}</Link>
      </p>
      <h1>{t('registry.import.title')}</h1>
      <p className="lead">{t('registry.import.intro')}</p>
      <ol className="stepper" aria-label={t('registry.import.progressLabel')}>
        {steps.map((s, i) => (
          <li
            key={s}
            className={`stepper-step${i + 1 === step ? ' current' : i + 1 < step ? ' complete' : ''}`}
            aria-current={i + 1 === step ? 'step' : undefined}
          >
            <span className="stepper-number" aria-hidden="true">
              {i + 1}
            </span>
            {s}
          </li>
        ))}
      </ol>
      <ErrorAlert error={error} />

      {phase === 'upload' && (
        <section className="panel" aria-labelledby="upload-title">
          <h2 id="upload-title">{t('registry.import.uploadTitle')}</h2>
          <p>{t('registry.import.uploadIntro')}</p>
          <form onSubmit={upload}>
            <Field label={t('registry.import.file')} hint={t('registry.import.fileHint')}>
              <input
                ref={fileInput}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </Field>
            {file && (
              <p className="file-facts" role="status">
                <strong>{file.name}</strong> · {formatBytes(file.size, lng)}
              </p>
            )}
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={!file || busy}>
                {busy ? t('registry.import.uploading') : t('registry.import.uploadButton')}
              </button>
            </div>
          </form>
        </section>
      )}

      {(phase === 'map' || phase === 'running') && preview && (
        <>
          <section className="panel" aria-labelledby="columns-title">
            <h2 id="columns-title" ref={phase === 'map' ? heading : undefined} tabIndex={-1}>
              {t('registry.import.columnsTitle')}
            </h2>
            <p className="file-facts">
              <strong>{preview.fileName}</strong>
              {file && <> · {formatBytes(file.size, lng)}</>}
            </p>
            <p>{t('registry.import.columnsIntro')}</p>
            <HeaderRowForm
              value={headerRow}
              detected={preview.headerRow}
              disabled={busy || phase === 'running'}
              onChange={setHeaderRow}
              onApply={() => void refresh({})}
            />
            <MissingFields preview={preview} defaults={defaults} />
            <PreviewTable
              preview={preview}
              disabled={busy || phase === 'running'}
              onChangeColumn={changeColumn}
              summary={result?.summary ?? null}
            />
            <Defaults defaults={defaults} onChange={setDefaults} disabled={phase === 'running'} />
          </section>

          <section className="panel" aria-labelledby="run-title">
            <h2 id="run-title" ref={phase === 'running' ? heading : undefined} tabIndex={-1}>
              {t('registry.import.runTitle')}
            </h2>
            {result && phase === 'map' && <RunOutcome status={result} />}
            <p>{t('registry.import.runIntro')}</p>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={partial}
                disabled={phase === 'running'}
                onChange={(e) => setPartial(e.target.checked)}
              />
              <span>
                {t('registry.import.partial')}
                <span className="hint checkbox-hint">{t('registry.import.partialHint')}</span>
              </span>
            </label>
            <div className="field">
              <label htmlFor="import-registered-on">{t('registry.import.registeredOn')}</label>
              <input
                id="import-registered-on"
                type="date"
                value={registeredOn}
                max={new Date().toISOString().slice(0, 10)}
                disabled={phase === 'running'}
                onChange={(e) => setRegisteredOn(e.target.value)}
                aria-describedby="import-registered-on-hint"
              />
              <span id="import-registered-on-hint" className="hint">
                {t('registry.import.registeredOnHint')}
              </span>
            </div>
            {phase === 'running' ? (
              <Progress
                status={status}
                lines={lines}
                headerRow={preview.headerRow}
                dryRun={running?.dryRun ?? false}
              />
            ) : (
              <div className="form-actions">
                <button type="button" className="button" disabled={busy} onClick={() => void run(true)}>
                  {t('registry.import.check')}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => void run(false)}
                >
                  {t('registry.import.import')}
                </button>
                <button type="button" className="button" onClick={restart}>
                  {t('registry.import.otherFile')}
                </button>
              </div>
            )}
          </section>
        </>
      )}

      {phase === 'done' && result?.summary && (
        <section className="panel" aria-labelledby="result-title">
          <h2 id="result-title" ref={heading} tabIndex={-1}>
            {t('registry.import.resultTitle')}
          </h2>
          <p className="file-facts">
            <strong>{result.fileName}</strong>
          </p>
          <Summary summary={result.summary} importId={result.importId} />
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={restart}>
              {t('registry.import.correctedFile')}
            </button>
            <Link to="/registry" className="button">
              {t('registry.import.toRegistry')}
            </Link>
          </div>
        </section>
      )}
    </>
  );
}

function HeaderRowForm({
  value,
  detected,
  disabled,
  onChange,
  onApply,
}: {
  value: string;
  detected: number | null;
  disabled: boolean;
  onChange: (v: string) => void;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  // The button sits next to the short number box, so the hint goes below both.
  return (
    <div className="header-row-form">
      <div className="inline-form">
        <div className="field">
          <label htmlFor={id}>{t('registry.import.headerRow')}</label>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={1}
            className="input-year"
            aria-describedby={`${id}-hint`}
            value={value}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onApply();
              }
            }}
          />
        </div>
        <button
          type="button"
          className="button inline-form-button"
          disabled={disabled || !value || Number(value) === detected}
          onClick={onApply}
        >
          {t('registry.import.useHeaderRow')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {detected
          ? t('registry.import.headerRowHint', { row: detected })
          : t('registry.import.headerRowNone')}
      </p>
    </div>
  );
}

/** Says what the file lacks before the server would refuse it: an identity column and a category. */
function MissingFields({
  preview,
  defaults,
}: {
  preview: ImportPreview;
  defaults: Partial<Record<ImportField, string>>;
}) {
  const { t } = useTranslation();
  const has = (f: ImportField) => preview.columns[f] !== undefined;
  const problems: string[] = [];
  if (!has('serial') && !has('national_registration_number'))
    problems.push(t('registry.import.needIdentity'));
  if (!has('category') && !defaults.category) problems.push(t('registry.import.needCategory'));
  if (problems.length === 0) return null;
  return (
    <div className="alert alert-warning" role="status">
      <p className="alert-title">{t('registry.import.missingTitle')}</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

function PreviewTable({
  preview,
  disabled,
  onChangeColumn,
  summary,
}: {
  preview: ImportPreview;
  disabled: boolean;
  onChangeColumn: (column: number, field: ImportField | '') => void;
  summary: ImportSummary | null;
}) {
  const { t } = useTranslation();
  const byColumn = fieldsByColumn(preview);
  const width = Math.max(preview.headers.length, ...preview.rows.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  // Problems found by the last check or import, by row and then by column index.
  const problems = new Map<number, Map<number, string[]>>();
  for (const issue of summary?.errors ?? []) {
    const column = preview.headers.indexOf(issue.column);
    const row = problems.get(issue.row) ?? new Map<number, string[]>();
    const messages = row.get(column) ?? [];
    messages.push(issue.message);
    row.set(column, messages);
    problems.set(issue.row, row);
  }

  return (
    <div className="preview-wrap">
      <table className="preview-table">
        <caption>{t('registry.import.previewCaption', { count: preview.rows.length })}</caption>
        <thead>
          <tr className="preview-mapping">
            <td className="preview-rownum" />
            {columns.map((c) => {
              const header = preview.headers[c] ?? '';
              const field = byColumn.get(c) ?? '';
              return (
                <th key={c} scope="col" className={`preview-col${field ? ' mapped' : ''}`}>
                  <label className="preview-header" htmlFor={`map-${c}`}>
                    <span className="preview-letter">{columnLetter(c)}</span>
                    <span className="preview-name">{header || t('registry.import.noHeader')}</span>
                  </label>
                  <select
                    id={`map-${c}`}
                    value={field}
                    disabled={disabled}
                    aria-label={t('registry.import.fieldFor', { column: header || columnLetter(c) })}
                    onChange={(e) => onChangeColumn(c, e.target.value as ImportField | '')}
                  >
                    <option value="">{t('registry.import.ignore')}</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`registry.import.fields.${f}`)}
                      </option>
                    ))}
                  </select>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => {
            const rowProblems = problems.get(r.row);
            return (
              <tr key={r.row} className={rowProblems ? 'row-error' : undefined}>
                <th scope="row" className="preview-rownum">
                  {r.row}
                </th>
                {columns.map((c) => {
                  const messages = rowProblems?.get(c);
                  return (
                    <td
                      key={c}
                      className={`preview-cell${byColumn.has(c) ? '' : ' ignored'}${messages ? ' cell-error' : ''}`}
                    >
                      {r.cells[c] ?? ''}
                      {messages?.map((m) => (
                        <span key={m} className="cell-message">
                          {m}
                        </span>
                      ))}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const DEFAULT_FIELDS = ['category', 'condition', 'country_of_manufacture', 'site'] as const;

function Defaults({
  defaults,
  onChange,
  disabled,
}: {
  defaults: Partial<Record<ImportField, string>>;
  onChange: (d: Partial<Record<ImportField, string>>) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { vocab } = useRegistry();
  const label = useVocabLabel();
  const options = useVocabOptions();
  const set = (f: ImportField) => (e: { target: { value: string } }) =>
    onChange({ ...defaults, [f]: e.target.value });
  return (
    <fieldset className="fieldset" disabled={disabled}>
      <legend>{t('registry.import.defaultsTitle')}</legend>
      <p className="hint">{t('registry.import.defaultsHint')}</p>
      <div className="form-grid">
        {DEFAULT_FIELDS.map((f) => (
          <Field key={f} label={t(`registry.import.fields.${f}`)} optional>
            {f === 'category' ? (
              <select value={defaults.category ?? ''} onChange={set('category')}>
                <option value="">{t('registry.import.noDefault')}</option>
                {vocab.categories
                  .filter((c) => c.trackedBy === 'piece')
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {label('categories', c.code)}
                    </option>
                  ))}
              </select>
            ) : f === 'condition' ? (
              <select value={defaults.condition ?? ''} onChange={set('condition')}>
                <option value="">{t('registry.import.noDefault')}</option>
                {options('conditions').map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                value={defaults[f] ?? ''}
                onChange={set(f)}
                maxLength={200}
                className={f === 'country_of_manufacture' ? 'input-short' : undefined}
              />
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

function Progress({
  status,
  lines,
  headerRow,
  dryRun,
}: {
  status: ImportStatus | null;
  lines: number | null;
  headerRow: number | null;
  dryRun: boolean;
}) {
  const { t, i18n } = useTranslation();
  // A busy server may answer the progress request late: the elapsed time shows the import is alive.
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  const read = status?.rowsRead ?? 0;
  // Every row is read: the rest of the wait is rebuilding indexes or saving, whose length is unknown.
  const afterRows = status?.phase === 'indexing' || status?.phase === 'finishing';
  const total = lines === null || afterRows ? null : Math.max(1, lines - (headerRow ?? 1));
  const text = afterRows
    ? t(status?.phase === 'indexing' ? 'registry.import.indexing' : 'registry.import.finishing', {
        read: formatNumber(read, i18n.language),
      })
    : total
      ? t('registry.import.progressOf', {
          read: formatNumber(Math.min(read, total), i18n.language),
          total: formatNumber(total, i18n.language),
        })
      : t('registry.import.progressRows', { read: formatNumber(read, i18n.language) });
  return (
    <div className="progress-block">
      <p className="progress-title">
        {dryRun ? t('registry.import.checking') : t('registry.import.importing')}
      </p>
      {total ? (
        <progress max={total} value={Math.min(read, total)} aria-label={text} />
      ) : (
        <progress aria-label={text} />
      )}
      <p className="hint" role="status" aria-live="polite">
        {text}
      </p>
      <p className="hint">
        {t('registry.import.elapsed', { seconds: formatNumber(seconds, i18n.language) })}
      </p>
    </div>
  );
}

/** What a check, or an all-or-nothing import that was refused, found; the mapping stays open to adjust. */
function RunOutcome({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  if (status.status === 'failed') {
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-title">{t('registry.import.failed')}</p>
        <p>{status.failure}</p>
      </div>
    );
  }
  if (!status.summary) return null;
  return (
    <div className="run-outcome">
      {status.status === 'checked' ? (
        <p className="alert alert-info" role="status">
          {t('registry.import.checkedNote')}
        </p>
      ) : (
        <p className="alert alert-error" role="alert">
          {t('registry.import.rejectedNote', { count: status.summary.rejected })}
        </p>
      )}
      <Summary summary={status.summary} importId={status.importId} />
    </div>
  );
}

function Summary({ summary, importId }: { summary: ImportSummary; importId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  const dry = summary.dryRun;
  const nothingSaved = !summary.committed;
  return (
    <div className="import-summary">
      <ul className="stats" aria-label={t('registry.import.counts')}>
        <li className="stat stat-imported">
          <span className="stat-value">{n(nothingSaved && !dry ? 0 : summary.imported)}</span>
          <span className="stat-label">
            {dry ? t('registry.import.wouldImport') : t('registry.import.imported')}
          </span>
        </li>
        <li className="stat stat-unchanged">
          <span className="stat-value">{n(summary.unchanged)}</span>
          <span className="stat-label">{t('registry.import.unchanged')}</span>
        </li>
        <li className={`stat stat-rejected${summary.rejected ? ' stat-alert' : ''}`}>
          <span className="stat-value">{n(summary.rejected)}</span>
          <span className="stat-label">
            {dry ? t('registry.import.wouldReject') : t('registry.import.rejected')}
          </span>
        </li>
      </ul>
      <p>
        {t('registry.import.rowsRead', { count: summary.rows, rows: n(summary.rows) })}{' '}
        {summary.unchanged > 0 &&
          t('registry.import.unchangedExplained', { count: summary.unchanged, rows: n(summary.unchanged) })}
      </p>
      {summary.sitesCreated.length > 0 && (
        <p>
          {dry ? t('registry.import.sitesWouldBeCreated') : t('registry.import.sitesCreated')}{' '}
          {summary.sitesCreated.join(', ')}
        </p>
      )}

      {summary.errors.length > 0 && (
        <>
          <h3>{t('registry.import.errorsTitle')}</h3>
          {summary.rejectsFile && (
            <p>
              <a href={api.imports.rejectsUrl(importId)} download>
                {t('registry.import.downloadRejects')}
              </a>
            </p>
          )}
          <div className="table-wrap">
            <table className="data-table errors-table">
              <caption className="visually-hidden">{t('registry.import.errorsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registry.import.row')}</th>
                  <th scope="col">{t('registry.import.column')}</th>
                  <th scope="col">{t('registry.import.value')}</th>
                  <th scope="col">{t('registry.import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.errors.map((e) => (
                  <tr key={`${e.row}:${e.column}:${e.message}`}>
                    <th scope="row" className="cell-title cell-nowrap">
                      {t('registry.import.rowNumber', { row: e.row })}
                    </th>
                    <td data-label={t('registry.import.column')}>{e.column}</td>
                    <td data-label={t('registry.import.value')}>
                      {e.value ? (
                        <mark className="bad-value">{e.value}</mark>
                      ) : (
                        <span className="muted">{t('registry.import.empty')}</span>
                      )}
                    </td>
                    <td data-label={t('registry.import.message')} className="cell-wrap">
                      {e.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.rejected > summary.errors.length && (
            <p className="hint">{t('registry.import.moreErrors')}</p>
          )}
        </>
      )}

      {summary.duplicates.length > 0 && (
        <>
          <h3>{t('registry.import.duplicatesTitle')}</h3>
          <p className="hint">{t('registry.import.duplicatesIntro')}</p>
          <ul className="duplicates">
            {summary.duplicates.map((d) => (
              <li key={`${d.row}:${d.serial}`} className="duplicate">
                <strong>{t('registry.import.rowNumber', { row: d.row })}</strong>{' '}
                <span className="serial">{d.serial}</span>:{' '}
                {d.candidates.some((c) => c.weaponId)
                  ? t('registry.import.duplicateOfWeapon')
                  : t('registry.import.duplicateOfRow')}
                <ul>
                  {d.candidates.map((c) => {
                    const text = [c.make, c.model, c.serial].filter(Boolean).join(' · ');
                    return (
                      <li key={`${c.weaponId ?? c.row}`}>
                        {c.weaponId ? (
                          <Link to={`/registry/weapons/${c.weaponId}`}>{text}</Link>
                        ) : (
                          t('registry.import.candidateRow', { row: c.row, text })
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
