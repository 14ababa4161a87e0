import { useTranslation } from 'react-i18next';
import type { MarkingInput } from '../../api/client.ts';
import { compact, useVocabOptions } from '../../lib/registry.ts';
import { Field } from '../Field.tsx';

export interface MarkingDraft {
  key: number;
  kind: string;
  text: string;
  script: string;
  /** Whether the user chose the script; until then it follows the characters typed. */
  scriptChosen: boolean;
  transliteration: string;
  position: string;
}

export function emptyMarking(key: number, kind = 'other'): MarkingDraft {
  return { key, kind, text: '', script: '', scriptChosen: false, transliteration: '', position: '' };
}

/** The script the characters of a marking are written in, as a first guess the user may change. */
export function guessScript(text: string): string {
  if (/\p{Script=Cyrillic}/u.test(text)) return 'cyrillic';
  if (/\p{Script=Arabic}/u.test(text)) return 'arabic';
  if (/\p{Script=Han}/u.test(text)) return 'chinese';
  if (/\p{Script=Latin}|\d/u.test(text)) return 'latin';
  return '';
}

export function markingBody(m: MarkingDraft): MarkingInput {
  return {
    kind: m.kind,
    text: m.text.trim(),
    ...compact({ script: m.script, transliteration: m.transliteration, position: m.position }),
  };
}

interface MarkingFieldsProps {
  marking: MarkingDraft;
  /** 1-based, for the labels of repeated rows ("Marking 2"). */
  number: number;
  onChange: (next: MarkingDraft) => void;
  onRemove?: () => void;
  /** Field issues from the API, by field name within the marking (kind, text, script...). */
  errorFor?: (field: string) => string | undefined;
}

/** One marking as read on the weapon: kind, exact text, script, transliteration and position. */
export function MarkingFields({ marking, number, onChange, onRemove, errorFor }: MarkingFieldsProps) {
  const { t } = useTranslation();
  const options = useVocabOptions();
  const set = (patch: Partial<MarkingDraft>) => onChange({ ...marking, ...patch });

  return (
    <fieldset className="fieldset marking-row">
      <legend>{t('registry.marking.legend', { n: number })}</legend>
      <div className="form-grid">
        <Field label={t('registry.marking.kind')} error={errorFor?.('kind')}>
          <select value={marking.kind} onChange={(e) => set({ kind: e.target.value })}>
            {options('marking-kinds').map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('registry.marking.text')}
          hint={t('registry.marking.textHint')}
          error={errorFor?.('text')}
        >
          <input
            className="input-mono"
            value={marking.text}
            maxLength={500}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            onChange={(e) =>
              set({
                text: e.target.value,
                ...(marking.scriptChosen ? {} : { script: guessScript(e.target.value) }),
              })
            }
          />
        </Field>
        <Field label={t('registry.marking.script')} optional error={errorFor?.('script')}>
          <select
            value={marking.script}
            onChange={(e) => set({ script: e.target.value, scriptChosen: true })}
          >
            <option value="">{t('registry.marking.scriptUnknown')}</option>
            {options('scripts').map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('registry.marking.transliteration')}
          optional
          hint={t('registry.marking.transliterationHint')}
          error={errorFor?.('transliteration')}
        >
          <input
            value={marking.transliteration}
            maxLength={500}
            onChange={(e) => set({ transliteration: e.target.value })}
          />
        </Field>
        <Field label={t('registry.marking.position')} optional error={errorFor?.('position')}>
          <select value={marking.position} onChange={(e) => set({ position: e.target.value })}>
            <option value="">{t('registry.marking.positionUnknown')}</option>
            {options('marking-positions').map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {onRemove && (
        <button
          type="button"
          className="button button-small button-danger-quiet"
          onClick={onRemove}
          aria-label={t('registry.marking.removeNamed', { n: number })}
        >
          {t('registry.remove')}
        </button>
      )}
    </fieldset>
  );
}
