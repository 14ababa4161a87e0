import { useTranslation } from 'react-i18next';
import type { LedgerEvent } from '../../api/client.ts';
import { formatDateTime, formatDay, formatNumber } from '../../lib/format.ts';
import { useRegistry, useVocabLabel } from '../../lib/registry.ts';

interface TimelineProps {
  events: LedgerEvent[];
  /** Lots show the quantity each event moved. */
  showQuantity?: boolean;
}

/**
 * A ledger as a vertical timeline, oldest first. Nothing is ever removed from a ledger: an event
 * that a later correction took out stays, struck through, with the correction's reason beside it.
 */
export function Timeline({ events, showQuantity }: TimelineProps) {
  const { t, i18n } = useTranslation();
  const label = useVocabLabel();
  const { sites } = useRegistry();
  const lng = i18n.language;
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const byId = new Map(ordered.map((e) => [e.id, e]));
  const correctionOf = new Map(
    ordered.filter((e) => e.type === 'corrected' && e.correctsEventId).map((e) => [e.correctsEventId!, e]),
  );

  if (ordered.length === 0) return <p className="muted">{t('registry.timeline.empty')}</p>;

  return (
    <ol className="timeline">
      {ordered.map((event) => {
        const correction = correctionOf.get(event.id);
        const target = event.correctsEventId ? byId.get(event.correctsEventId) : undefined;
        const typeLabel = label('event-types', event.type);
        const details: [string, React.ReactNode][] = [];
        if (showQuantity && event.quantityDelta !== null)
          details.push([
            t('registry.fields.quantity'),
            `${event.quantityDelta > 0 ? '+' : ''}${formatNumber(event.quantityDelta, lng)}`,
          ]);
        if (event.counterpart) details.push([t('registry.fields.counterpart'), event.counterpart]);
        if (event.holder) details.push([t('registry.fields.holder'), event.holder]);
        if (event.siteId)
          details.push([t('registry.fields.site'), siteName.get(event.siteId) ?? event.siteId]);
        if (event.place) details.push([t('registry.fields.place'), event.place]);
        if (event.documents.length > 0)
          details.push([
            t('registry.fields.documents'),
            <ul className="plain-list" key="docs">
              {event.documents.map((d) => (
                <li key={`${d.kind}:${d.reference}`}>
                  {t('registry.timeline.term', { term: label('document-kinds', d.kind) })}{' '}
                  <span className="reference">{d.reference}</span>
                </li>
              ))}
            </ul>,
          ]);
        if (event.reason && event.type !== 'corrected')
          details.push([t('registry.fields.reason'), event.reason]);
        return (
          <li
            key={event.id}
            className={`timeline-event timeline-${event.type}${correction ? ' timeline-struck' : ''}`}
          >
            <span className="timeline-dot" aria-hidden="true" />
            <div className="timeline-body">
              <p className="timeline-head">
                <time dateTime={event.occurredOn} className="timeline-date">
                  {formatDay(event.occurredOn, lng)}
                </time>
                {correction ? (
                  <del className="timeline-type">{typeLabel}</del>
                ) : (
                  <strong className="timeline-type">{typeLabel}</strong>
                )}
              </p>
              {event.type === 'corrected' && (
                <p className="timeline-correction-of">
                  {target
                    ? t('registry.timeline.corrects', {
                        type: label('event-types', target.type),
                        date: formatDay(target.occurredOn, lng),
                      })
                    : t('registry.timeline.correctsUnknown')}
                  {event.reason && (
                    <>
                      {' '}
                      <span className="timeline-reason">
                        {t('registry.timeline.reason', { reason: event.reason })}
                      </span>
                    </>
                  )}
                </p>
              )}
              {details.length > 0 && (
                <dl className={`timeline-details${correction ? ' struck' : ''}`}>
                  {details.map(([term, value]) => (
                    <div key={term}>
                      <dt>{t('registry.timeline.term', { term })}</dt> <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {correction && (
                <p className="timeline-corrected-note">
                  {t('registry.timeline.correctedOn', {
                    date: formatDay(correction.occurredOn, lng),
                    reason: correction.reason ?? '',
                  })}
                </p>
              )}
              <p className="timeline-recorded">
                {t('registry.timeline.recorded', {
                  who: event.recordedBy,
                  when: formatDateTime(event.recordedAt, lng),
                })}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
