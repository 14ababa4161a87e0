/**
 * Dates are shown in the reader's language and time zone, with the exact ISO value in a tooltip.
 * Day, month name and year avoid the 03/04 ambiguity between English and French conventions.
 */
/** Regional formats for each interface language: day-month order and a 24-hour clock. */
const FORMAT_LOCALE: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };
const locale = (lng: string) => FORMAT_LOCALE[lng] ?? lng;

export function formatDateTime(iso: string | null | undefined, lng: string, withSeconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
  }).format(d);
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium' }).format(d);
}

export function formatNumber(n: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng)).format(n);
}

/** `YYYY-MM-DD` of today in the reader's time zone, for `min` on date inputs. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A calendar day (`YYYY-MM-DD`, no time zone) in the reader's language, e.g. "3 Mar 2026". */
export function formatDay(day: string | null | undefined, lng: string): string {
  if (!day) return '';
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
