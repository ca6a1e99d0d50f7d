import type { RegistryData } from '#adapters/dynamodb/registry-writer.ts';
import type { Department, Grid, Person, Unit } from '#domain/registry.ts';
import { type CsvRecord, CsvSyntaxError, parseCsv } from './csv.ts';
import { csvDepartment } from './department-rows.ts';
import { lineAt, recordLines } from './json-lines.ts';
import {
  CSV_REFERENCE_COLUMNS,
  csvFlag,
  csvReferenceSections,
  isReferenceKind,
  REFERENCE_SECTIONS,
  readReferenceData,
} from './reference-data.ts';
import { checkReferences, type Located } from './references.ts';
import {
  departmentSchema,
  gridSchema,
  type ImportProblem,
  personSchema,
  problemsOf,
  unitSchema,
} from './schema.ts';

export type ParseResult =
  | { readonly ok: true; readonly data: RegistryData }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

interface Collected {
  units: Located<Unit>[];
  grids: Located<Grid>[];
  people: Located<Person>[];
  departments: Located<Department>[];
  problems: ImportProblem[];
  rejected: Set<string>;
  reference?: Pick<RegistryData, 'calendar' | 'categories'>;
}

/** Notes the id of a record that failed its schema, so references to it are not reported twice. */
function reject(collected: Collected, value: unknown): void {
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id === 'string') collected.rejected.add(id);
}

function finish(collected: Collected): ParseResult {
  const problems = [...collected.problems, ...checkReferences(collected)];
  if (problems.length > 0) {
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  return {
    ok: true,
    data: {
      units: collected.units.map(({ record }) => record),
      grids: collected.grids.map(({ record }) => record),
      people: collected.people.map(({ record }) => record),
      departments: collected.departments.map(({ record }) => record),
      ...collected.reference,
    },
  };
}

const RECORD_SECTIONS = ['units', 'grids', 'people', 'departments'] as const;

/**
 * A registry file in JSON: `{ "units": [...], "grids": [...], "people": [...], "departments": [...] }`, records
 * as in the domain, and any of the reference sections `officeHours`, `calendarDays` and `categories`.
 */
export function parseRegistryJson(text: string): ParseResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // Newer Node versions name the line; older ones a position, or neither.
    const message = String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const named = /line (\d+)/.exec(message)?.[1];
    const line = named ? Number(named) : position === undefined ? undefined : lineAt(text, Number(position));
    return { ok: false, problems: [{ line, message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const collected = emptyCollection();
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, problems: [{ line: 1, message: 'expected an object with units, grids and people' }] };
  }
  const lines = recordLines(text);
  const sections = document as Record<string, unknown>;
  for (const key of Object.keys(sections)) {
    if (!([...RECORD_SECTIONS, ...REFERENCE_SECTIONS] as string[]).includes(key)) {
      collected.problems.push({ line: undefined, message: `unknown section "${key}"` });
    }
  }
  const read = <T>(key: (typeof RECORD_SECTIONS)[number], schema: { safeParse(value: unknown): unknown }) => {
    const list = sections[key] ?? [];
    if (!Array.isArray(list)) {
      collected.problems.push({ line: undefined, message: `${key}: expected an array` });
      return [];
    }
    return list.flatMap((value, index) => {
      const line = lines.get(`${key}[${index}]`);
      const result = schema.safeParse(value) as
        | { success: true; data: T }
        | { success: false; error: Parameters<typeof problemsOf>[0] };
      if (result.success) return [{ line, record: result.data }];
      collected.problems.push(...problemsOf(result.error, line, `${key}[${index}]`));
      reject(collected, value);
      return [];
    });
  };
  collected.units = read<Unit>('units', unitSchema);
  collected.grids = read<Grid>('grids', gridSchema);
  collected.people = read<Person>('people', personSchema);
  collected.departments = read<Department>('departments', departmentSchema);
  const reference = readReferenceData(sections, lines);
  collected.problems.push(...reference.problems);
  collected.reference = reference.data;
  return finish(collected);
}

/** The columns of the CSV format; each row fills those of its `kind` and leaves the rest empty. */
export const CSV_COLUMNS = [
  'kind',
  'id',
  'name',
  'level',
  'parentId',
  'supervisorIds',
  'communityId',
  'streetId',
  'districtId',
  'addresses',
  'boundary',
  'coordSystem',
  'role',
  'unitId',
  'onDuty',
  'phone',
  'email',
  'departmentKind',
  ...CSV_REFERENCE_COLUMNS,
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean);

/** `lng lat;lng lat;…` as positions; anything unreadable becomes NaN for the schema to report. */
const positions = (cell: string | undefined) =>
  list(cell?.replaceAll(';', '|')).map((pair) => {
    const [lng = Number.NaN, lat = Number.NaN, ...rest] = pair.split(/\s+/).map(Number);
    return rest.length > 0 ? [Number.NaN, Number.NaN] : [lng, lat];
  });

/**
 * A boundary cell: a GeoJSON geometry (`{"type":"MultiPolygon",…}`, for holes and several parts), or the short form
 * `lng lat;lng lat;…`, one closed ring, for a plain polygon typed into a spreadsheet.
 */
function boundaryOf(cell: string | undefined): { value: unknown } | { problem: string } {
  if (!cell?.startsWith('{')) return { value: { type: 'Polygon', coordinates: [positions(cell)] } };
  try {
    return { value: JSON.parse(cell) };
  } catch (error) {
    return { problem: `grid boundary: not valid GeoJSON: ${(error as Error).message}` };
  }
}

/**
 * A registry file in CSV: a header row naming the columns, then one row per unit, grid or person (`kind`).
 * Lists are separated by `|`; a boundary is GeoJSON or `lng lat;lng lat;…`. A grid's workers are the people of role
 * grid_worker whose unitId is the grid.
 */
export function parseRegistryCsv(text: string): ParseResult {
  let parsed: CsvRecord[];
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { ok: false, problems: [{ line: error.line, message: `not valid CSV: ${error.message}` }] };
  }
  const [header, ...records] = parsed;
  const collected = emptyCollection();
  const columns = (header?.cells ?? []).map((cell) => cell.trim());
  const unknown = columns.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (!header || !columns.includes('kind') || !columns.includes('id') || unknown.length > 0) {
    const detail = unknown.length > 0 ? `unknown columns ${unknown.join(', ')}` : 'kind and id are required';
    return { ok: false, problems: [{ line: 1, message: `header: ${detail}` }] };
  }
  const gridRows: { line: number; row: Row }[] = [];
  const departmentRows: { line: number; row: Row }[] = [];
  const referenceRows: { line: number; kind: string; row: Row }[] = [];
  for (const { line, cells } of records) {
    const row: Row = Object.fromEntries(
      columns.flatMap((column, index) => {
        const value = cells[index]?.trim() ?? '';
        return value === '' ? [] : [[column, value]];
      }),
    );
    if (cells.length > columns.length) {
      collected.problems.push({ line, message: `${cells.length} cells for ${columns.length} columns` });
      continue;
    }
    const { kind, ...fields } = row;
    if (kind === 'unit') {
      const value = {
        id: fields.id,
        level: fields.level,
        name: fields.name,
        parentId: fields.parentId ?? null,
        supervisorIds: list(fields.supervisorIds),
      };
      const result = unitSchema.safeParse(value);
      if (result.success) collected.units.push({ line, record: result.data });
      else {
        collected.problems.push(...problemsOf(result.error, line, 'unit'));
        reject(collected, value);
      }
    } else if (kind === 'person') {
      const value = {
        id: fields.id,
        name: fields.name,
        role: fields.role,
        unitId: fields.unitId,
        onDuty: csvFlag(fields.onDuty ?? 'true'),
        ...(fields.phone ? { phone: fields.phone } : {}),
        ...(fields.email ? { email: fields.email } : {}),
      };
      const result = personSchema.safeParse(value);
      if (result.success) collected.people.push({ line, record: result.data });
      else {
        collected.problems.push(...problemsOf(result.error, line, 'person'));
        reject(collected, value);
      }
    } else if (kind === 'grid') gridRows.push({ line, row: fields });
    else if (kind === 'department') departmentRows.push({ line, row: fields });
    else if (isReferenceKind(kind)) referenceRows.push({ line, kind, row: fields });
    else
      collected.problems.push({
        line,
        message: `kind: expected unit, grid, person, category, holiday, workday, office or department, got "${kind ?? ''}"`,
      });
  }
  if (referenceRows.length > 0) {
    const { sections, lines } = csvReferenceSections(referenceRows);
    const reference = readReferenceData(sections, lines);
    collected.problems.push(...reference.problems);
    collected.reference = reference.data;
  }
  // Grids come last: their workers are the grid workers listed anywhere in the file.
  for (const { line, row } of gridRows) {
    const boundary = boundaryOf(row.boundary);
    if ('problem' in boundary) {
      collected.problems.push({ line, message: boundary.problem });
      reject(collected, row);
      continue;
    }
    const value = {
      id: row.id,
      name: row.name,
      communityId: row.communityId,
      streetId: row.streetId,
      districtId: row.districtId,
      workers: collected.people
        .filter(({ record }) => record.role === 'grid_worker' && record.unitId === row.id)
        .map(({ record }) => ({ id: record.id, name: record.name })),
      addresses: list(row.addresses),
      boundary: boundary.value,
      ...(row.coordSystem ? { coordSystem: row.coordSystem } : {}),
    };
    const result = gridSchema.safeParse(value);
    if (result.success) collected.grids.push({ line, record: result.data });
    else {
      collected.problems.push(...problemsOf(result.error, line, 'grid'));
      reject(collected, value);
    }
  }
  for (const { line, row } of departmentRows) addCsvDepartment(collected, line, row);
  return finish(collected);
}

function emptyCollection(): Collected {
  return { units: [], grids: [], people: [], departments: [], problems: [], rejected: new Set() };
}

function addCsvDepartment(collected: Collected, line: number, row: Row): void {
  const { value, result } = csvDepartment(collected.people, row);
  if (result.success) collected.departments.push({ line, record: result.data });
  else {
    collected.problems.push(...problemsOf(result.error, line, 'department'));
    reject(collected, value);
  }
}
