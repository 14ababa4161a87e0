import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SecretBoxProps {
  title: string;
  /** What the secret is, used as the accessible name of the value, e.g. "One-time password". */
  label: string;
  secret: string;
  explanation?: string;
  onDismiss: () => void;
}

/** A secret the server shows once (one-time password, API token), with a copy button and a clear warning. */
export function SecretBox({ title, label, secret, explanation, onDismiss }: SecretBoxProps) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setStatus('copied');
    } catch {
      // Without clipboard access (plain http on another host), select the text for Ctrl+C.
      input.current?.select();
      setStatus('failed');
    }
  }

  return (
    <section className="secret-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="secret-title">
        {title}
      </h2>
      <p className="secret-warning">
        <strong>{t('secret.warning')}</strong>
      </p>
      {explanation && <p>{explanation}</p>}
      <div className="secret-row">
        <label htmlFor={`${id}-value`} className="visually-hidden">
          {label}
        </label>
        <input
          ref={input}
          id={`${id}-value`}
          className="secret-value"
          readOnly
          value={secret}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button button-primary" onClick={copy}>
          {t('secret.copy')}
        </button>
      </div>
      <p className="secret-status" role="status" aria-live="polite">
        {status === 'copied' ? t('secret.copied') : status === 'failed' ? t('secret.copyFailed') : ''}
      </p>
      <button type="button" className="button" onClick={onDismiss}>
        {t('secret.done')}
      </button>
    </section>
  );
}
