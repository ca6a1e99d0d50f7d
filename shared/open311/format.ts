// Open311 answers every resource in XML (the spec's required format) and JSON (its Spark-convention mapping of
// the same XML): a list is a root element of repeated items in XML and a bare array in JSON.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { XMLBuilder } from 'fast-xml-parser';

export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** A value an Open311 document holds: text, numbers, flags, absent (`null`), lists and nested records. */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };
export type Record311 = { readonly [key: string]: Value };

/** An Open311 failure: the HTTP status and the description the `<errors>` document carries. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 500,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

/** The resource name and format of a path's last segment (`services.xml` → `services`, `xml`). */
export function splitFormat(segment: string): { name: string; format: Format } | undefined {
  const match = /^(.+)\.(xml|json)$/.exec(segment);
  return match?.[1] && match[2] ? { name: match[1], format: match[2] as Format } : undefined;
}

/** The format a request asked for by its path; XML, the spec's required one, when it names none. */
export function formatOfPath(path: string): Format {
  return path.endsWith('.json') ? 'json' : 'xml';
}

const builder = new XMLBuilder({ format: true, suppressEmptyNode: true, indentBy: '  ' });

// Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF): an answer that echoes a
// client's input must stay a well-formed document.
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** XML has no null: an absent value is an empty element, as in the spec's examples. */
function forXml(value: Value): unknown {
  if (value === null) return '';
  if (typeof value === 'string') return value.replace(NOT_XML, '\ufffd');
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, forXml(child as Value)]));
  }
  return value;
}

/**
 * Nested lists name their items in XML (`attributes` → `attribute`, `values` → `value`); the JSON mapping
 * drops those item names.
 */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

function wrapLists(value: Value): Value {
  if (Array.isArray(value)) return value.map(wrapLists);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record311).map(([key, child]) => {
      const item = ITEM_NAMES[key];
      if (item && Array.isArray(child)) {
        return [key, child.length > 0 ? { [item]: child.map(wrapLists) } : null];
      }
      return [key, wrapLists(child)];
    }),
  );
}

function xmlDocument(root: string, content: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: content })}`;
}

const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

function respond(status: number, format: Format, body: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': CONTENT_TYPES[format], 'cache-control': 'no-store' },
    body,
  };
}

/** A list resource: `<root><item>…</item>…</root>` in XML, an array in JSON. */
export function listResponse(
  format: Format,
  root: string,
  item: string,
  items: readonly Record311[],
  status = 200,
): APIGatewayProxyStructuredResultV2 {
  if (format === 'json') return respond(status, format, JSON.stringify(items));
  const content = items.length > 0 ? { [item]: forXml(items.map(wrapLists)) } : '';
  return respond(status, format, xmlDocument(root, content));
}

/** A single resource (a service definition, the discovery document): `<root>…</root>` or a JSON object. */
export function recordResponse(
  format: Format,
  root: string,
  record: Record311,
): APIGatewayProxyStructuredResultV2 {
  if (format === 'json') return respond(200, format, JSON.stringify(record));
  return respond(200, format, xmlDocument(root, forXml(wrapLists(record))));
}

/** The spec's error document, `<errors><error><code/><description/></error></errors>`, with its status. */
export function errorResponse(format: Format, error: Open311Error): APIGatewayProxyStructuredResultV2 {
  return listResponse(
    format,
    'errors',
    'error',
    [{ code: error.status, description: error.description }],
    error.status,
  );
}
