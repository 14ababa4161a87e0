import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** A readable sentence for any error the API client can throw. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.code === 'network') return t('errors.network');
      if (error.code === 'internal') return t('errors.internal');
      return error.message;
    }
    return error instanceof Error ? error.message : String(error);
  };
}

function fieldName(field: string): string {
  return field.replace(/^(body|querystring|params)\.?/, '');
}

interface ErrorAlertProps {
  error: unknown;
  /** Labels of the form's fields, so issues read "E-mail: ..." rather than "body.email: ...". */
  fieldLabels?: Record<string, string>;
}

/**
 * Shows an error from the API: its message, and the field issues when there are any. Validation
 * failures whose message only repeats the issues get a short lead sentence instead.
 */
export function ErrorAlert({ error, fieldLabels = {} }: ErrorAlertProps) {
  const { t } = useTranslation();
  const messageOf = useErrorMessage();
  if (!error) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  const repeatsIssues =
    issues.length > 0 &&
    error instanceof ApiError &&
    error.message === issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{repeatsIssues ? t('errors.checkFields') : messageOf(error)}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => {
            const name = fieldName(issue.field);
            return (
              <li key={`${issue.field}:${issue.message}`}>
                {name ? `${fieldLabels[name] ?? name}: ` : ''}
                {issue.message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The message of the issue for one field, to show under that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.issueFor(field)?.message : undefined;
}
