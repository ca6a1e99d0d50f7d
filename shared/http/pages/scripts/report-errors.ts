// The report form's words for the API's problems: the API speaks English and names fields, the page speaks the
// resident's language and names what to do. Pure, so it is tested without a browser.
import type { Problem } from './problem.ts';

export type Field = 'category' | 'description' | 'location' | 'name' | 'phone' | 'email';

/** The strings this mapping reads from the page's data. */
export interface ReportErrorStrings {
  readonly fixFields: string;
  readonly failed: string;
  readonly offline: string;
  readonly tooMany: string;
  readonly repeated: string;
  readonly ambiguous: string;
  readonly invalid: Readonly<Record<Field, string>>;
  readonly unknown: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<Field, string>>;
}

/** What the form shows: a heading, and a message for each field (null when no field of the form is named). */
export interface ReportErrors {
  readonly heading: string;
  readonly fields: readonly { readonly field: Field | null; readonly message: string }[];
}

const PROBLEM = 'urn:problem:gridwork:';

/** The form control that shows the message for an API field path. */
export function fieldOf(path: string, fields: ReportErrorStrings['fields']): Field | null {
  const name = path.startsWith('location')
    ? 'location'
    : path.startsWith('reporter.')
      ? path.slice('reporter.'.length)
      : path;
  return Object.hasOwn(fields, name) ? (name as Field) : null;
}

/** The page's own wording for a failed POST /issues (status 0: the network failed); never the API's text. */
export function reportErrors(status: number, problem: Problem | null, t: ReportErrorStrings): ReportErrors {
  if (status === 0) return { heading: t.offline, fields: [] };
  if (status === 429) return { heading: t.tooMany, fields: [] };
  if (problem?.type === `${PROBLEM}idempotency-key-reused`) return { heading: t.repeated, fields: [] };
  const fields = (problem?.errors ?? []).map((error) => {
    const field = fieldOf(error.path, t.fields);
    if (problem?.type === `${PROBLEM}address-ambiguous`) return { field, message: t.ambiguous };
    if (problem?.type === `${PROBLEM}location-not-found`) {
      return { field, message: t.unknown[error.path] ?? t.unknown.location ?? t.failed };
    }
    return { field, message: field ? t.invalid[field] : t.failed };
  });
  // Two paths of one control (location.lat and location.lng) are one message.
  const once = fields.filter(
    (item, index) =>
      fields.findIndex((other) => other.field === item.field && other.message === item.message) === index,
  );
  return { heading: once.length > 0 ? t.fixFields : t.failed, fields: once };
}
