// POST requests: the spec's form fields turned into the same report POST /issues takes, checked by the same
// schema, so both doors let in exactly the same reports.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Category } from '#domain/categories.ts';
import { MAX_BODY_BYTES } from '#http/request-body.ts';
import { reportBody } from '#http/schemas.ts';
import type { Report } from '#use-cases/report-issue.ts';
import { Open311Error } from './format.ts';
import { type Attribute, attributesOf } from './services.ts';

/** The form of a POST requests, as sent (`application/x-www-form-urlencoded`, UTF-8). */
export function readForm(event: APIGatewayProxyEventV2): URLSearchParams {
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw new Open311Error(415, 'Send the request as application/x-www-form-urlencoded.');
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new Open311Error(413, `Requests are limited to ${MAX_BODY_BYTES} bytes.`);
  }
  try {
    return new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Open311Error(400, 'The form is not valid UTF-8.');
  }
}

/** A field as the spec reads it: an empty field is the same as an absent one. */
function field(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name)?.trim();
  return value ? value : undefined;
}

const CJK = /^[\p{Script=Han}]+$/u;

/** A Chinese name is family name first with no space; a name written in other scripts keeps given-first. */
function fullName(first?: string, last?: string): string | undefined {
  if (first && last) return CJK.test(first) && CJK.test(last) ? `${last}${first}` : `${first} ${last}`;
  return first ?? last;
}

function location(form: URLSearchParams): Report['location'] {
  const lat = field(form, 'lat');
  const long = field(form, 'long');
  if (lat !== undefined || long !== undefined) {
    if (lat === undefined || long === undefined) throw new Open311Error(400, 'Send both lat and long.');
    const point = { lat: Number(lat), lng: Number(long) };
    if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) {
      throw new Open311Error(400, 'lat and long must be numbers (WGS-84 degrees).');
    }
    return point;
  }
  const address = field(form, 'address_string');
  if (address !== undefined) return { address };
  throw new Open311Error(400, 'A location is required: lat and long, or address_string.');
}

/** The answers to a category's attributes, as labelled lines added to the description. */
function attributeLines(form: URLSearchParams, attributes: readonly Attribute[]): string[] {
  const lines: string[] = [];
  for (const attribute of attributes) {
    const values = [
      ...form.getAll(`attribute[${attribute.code}]`),
      ...form.getAll(`attribute[${attribute.code}][]`),
    ]
      .map((value) => value.trim())
      .filter(Boolean);
    if (values.length === 0) {
      if (attribute.required) {
        throw new Open311Error(400, `attribute[${attribute.code}] is required: ${attribute.description}`);
      }
      continue;
    }
    if (attribute.datatype !== 'multivaluelist' && values.length > 1) {
      throw new Open311Error(400, `attribute[${attribute.code}] takes one value.`);
    }
    const shown = values.map((value) => {
      if (attribute.values) {
        const known = attribute.values.find((candidate) => candidate.key === value);
        if (!known) {
          const keys = attribute.values.map((candidate) => candidate.key).join(', ');
          throw new Open311Error(400, `attribute[${attribute.code}] must be one of ${keys}.`);
        }
        return known.name;
      }
      if (attribute.datatype === 'number' && !Number.isFinite(Number(value))) {
        throw new Open311Error(400, `attribute[${attribute.code}] must be a number.`);
      }
      return value;
    });
    lines.push(`${attribute.description}: ${shown.join(', ')}`);
  }
  return lines;
}

// The report schema's field paths, as the Open311 fields they came from.
const FIELD_NAMES: Readonly<Record<string, string>> = {
  category: 'service_code',
  description: 'description',
  'location.lat': 'lat',
  'location.lng': 'long',
  'location.address': 'address_string',
  'reporter.name': 'first_name',
  'reporter.phone': 'phone',
  'reporter.email': 'email',
};

/** The report a POST requests form makes, checked by the schema of POST /issues; unknown attributes are ignored. */
export function reportOf(form: URLSearchParams, category: Category): Report {
  const lines = attributeLines(form, attributesOf(category.code));
  const description = [field(form, 'description') ?? '', ...lines].join('\n').trim();
  const name = fullName(field(form, 'first_name'), field(form, 'last_name'));
  const reporter = {
    ...(name ? { name } : {}),
    ...(field(form, 'phone') ? { phone: field(form, 'phone') } : {}),
    ...(field(form, 'email') ? { email: field(form, 'email') } : {}),
  };
  const candidate = {
    category: category.code,
    description,
    location: location(form),
    ...(Object.keys(reporter).length > 0 ? { reporter } : {}),
  };
  const result = reportBody.safeParse(candidate);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${FIELD_NAMES[path] ?? path}: ${issue.message}`;
  });
  throw new Open311Error(400, problems.join('; '));
}
