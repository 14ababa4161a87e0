import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format.ts';

interface CandidateCardProps {
  source: string;
  ref_: string;
  /** The listed (primary) name; may be unknown for a stored hit. */
  name?: string;
  matchedName: string;
  score: number;
  explanation: string[];
  type?: string;
  children?: ReactNode;
}

/** One candidate of a screening: score, names, reference and, prominently, the reasons for the score. */
export function CandidateCard({
  source,
  ref_,
  name,
  matchedName,
  score,
  explanation,
  type,
  children,
}: CandidateCardProps) {
  const { t, i18n } = useTranslation('screening');
  const titleId = useId();
  const scoreText = formatNumber(Math.round(score * 100) / 100, i18n.language);
  const level = score >= 0.95 ? 'high' : score >= 0.85 ? 'medium' : 'low';
  return (
    <article className="card screening-card" aria-labelledby={titleId}>
      <div className="screening-card-head">
        <h3 id={titleId} className="screening-card-title">
          {name ?? matchedName}
        </h3>
        <span className={`screening-score screening-score-${level}`}>
          {t('card.score', { score: scoreText })}
        </span>
      </div>
      <dl className="screening-facts">
        {name !== undefined && (
          <div>
            <dt>{t('card.listedName')}</dt>
            <dd>{name}</dd>
          </div>
        )}
        <div>
          <dt>{t('card.matchedName')}</dt>
          <dd>{matchedName}</dd>
        </div>
        <div>
          <dt>{t('card.reference')}</dt>
          <dd>
            <Link
              to={`/screening/designations/${encodeURIComponent(source)}/${encodeURIComponent(ref_)}`}
              aria-label={t('card.openDesignation', { ref: ref_ })}
            >
              {ref_}
            </Link>
            {type && (
              <span className="muted"> · {t(`types.${type as 'person'}`, { defaultValue: type })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('card.source')}</dt>
          <dd>{source}</dd>
        </div>
      </dl>
      <section className="screening-why" aria-label={t('card.why')}>
        <h4>{t('card.why')}</h4>
        <ul>
          {explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      {children}
    </article>
  );
}
