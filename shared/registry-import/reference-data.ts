// The calendar and the categories in a registry JSON file: sections `officeHours`, `calendarDays` and
// `categories`, checked record by record and then as a whole (a date given twice, a make-up day that is no
// weekend day, office periods that overlap), each problem at its record's line.
import * as z from 'zod';
import type { RegistryData } from '#adapters/dynamodb/registry-writer.ts';
import type { Category } from '#domain/categories.ts';
import type { CalendarDay } from '#domain/china-calendar.ts';
import { durationToMs } from '#domain/duration.ts';
import { type OfficePeriod, officeHoursProblems } from '#domain/working-time.ts';
import { type ImportProblem, problemsOf } from './schema.ts';

/** The sections of a registry JSON file that hold reference data rather than the tree of units. */
export const REFERENCE_SECTIONS = ['officeHours', 'calendarDays', 'categories'] as const;

/** The CSV columns of reference rows, beside those units, grids and people share (`name`). */
export const CSV_REFERENCE_COLUMNS = [
  'code',
  'nameEn',
  'urgent',
  'timeBasis',
  'accept',
  'resolve',
  'date',
  'start',
  'end',
] as const;

type CsvRow = Partial<Record<(typeof CSV_REFERENCE_COLUMNS)[number] | 'name', string>>;

const REFERENCE_KINDS = ['category', 'holiday', 'workday', 'office'] as const;

/** Whether a CSV row's kind is one of the reference kinds. */
export function isReferenceKind(kind: string | undefined): kind is (typeof REFERENCE_KINDS)[number] {
  return (REFERENCE_KINDS as readonly (string | undefined)[]).includes(kind);
}

/** A CSV cell meant as a boolean: `true` or `false`, anything else left for the schema to refuse. */
export const csvFlag = (cell: string | undefined) =>
  cell === 'true' ? true : cell === 'false' ? false : cell;

/**
 * CSV rows of kind `category` (code, name, nameEn, urgent, timeBasis, accept, resolve), `holiday` and `workday`
 * (date, name) and `office` (start, end) as the JSON sections they stand for, with each record's line, so both
 * formats go through the same checks.
 */
export function csvReferenceSections(rows: readonly { line: number; kind: string; row: CsvRow }[]): {
  sections: Record<string, unknown[]>;
  lines: Map<string, number>;
} {
  const sections: Record<string, unknown[]> = {};
  const lines = new Map<string, number>();
  const add = (section: (typeof REFERENCE_SECTIONS)[number], line: number, record: unknown) => {
    const list = sections[section] ?? [];
    sections[section] = list;
    lines.set(`${section}[${list.length}]`, line);
    list.push(record);
  };
  for (const { line, kind, row } of rows) {
    if (kind === 'category') {
      add('categories', line, {
        code: row.code,
        name: row.name,
        nameEn: row.nameEn,
        urgent: csvFlag(row.urgent ?? 'false'),
        timeBasis: row.timeBasis,
        deadlines: { accept: row.accept, resolve: row.resolve },
      });
    } else if (kind === 'office') add('officeHours', line, { start: row.start, end: row.end });
    else add('calendarDays', line, { date: row.date, kind, name: row.name });
  }
  return { sections, lines };
}

const duration = z.string().refine((value) => {
  try {
    return durationToMs(value) > 0;
  } catch {
    return false;
  }
}, 'Expected an ISO 8601 duration longer than zero, such as PT4H or P3D');

export const categorySchema = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Expected a code of lower-case letters, digits and "_"'),
    name: z.string().trim().min(1).max(50),
    nameEn: z.string().trim().min(1).max(50),
    urgent: z.boolean(),
    timeBasis: z.enum(['calendar', 'working']),
    deadlines: z.strictObject({ accept: duration, resolve: duration }),
  })
  .refine(({ deadlines }) => durationToMs(deadlines.accept) <= durationToMs(deadlines.resolve), {
    message: 'Expected the accept deadline to be no longer than the resolve deadline',
    path: ['deadlines'],
  });

const date = z.iso.date('Expected a date as yyyy-mm-dd');

export const calendarDaySchema = z.strictObject({
  date,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(50),
});

export const officePeriodSchema = z.strictObject({
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a China time as hh:mm'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected a China time as hh:mm'),
});

type Schema<T> = { safeParse(value: unknown): z.ZodSafeParseResult<T> };

/** Reads one section's records, collecting each failure at its line. */
function readSection<T>(
  sections: Record<string, unknown>,
  key: (typeof REFERENCE_SECTIONS)[number],
  schema: Schema<T>,
  lines: ReadonlyMap<string, number>,
  problems: ImportProblem[],
): { line: number | undefined; record: T }[] | undefined {
  if (!(key in sections)) return undefined;
  const list = sections[key];
  if (!Array.isArray(list)) {
    problems.push({ line: undefined, message: `${key}: expected an array` });
    return [];
  }
  return list.flatMap((value, index) => {
    const line = lines.get(`${key}[${index}]`);
    const result = schema.safeParse(value);
    if (result.success) return [{ line, record: result.data }];
    problems.push(...problemsOf(result.error, line, `${key}[${index}]`));
    return [];
  });
}

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** The calendar and categories of a registry JSON file, or the problems that keep them out. */
export function readReferenceData(
  sections: Record<string, unknown>,
  lines: ReadonlyMap<string, number>,
): { data: Pick<RegistryData, 'calendar' | 'categories'>; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const days = readSection<CalendarDay>(sections, 'calendarDays', calendarDaySchema, lines, problems);
  const officeHours = readSection<OfficePeriod>(sections, 'officeHours', officePeriodSchema, lines, problems);
  const categories = readSection<Category>(sections, 'categories', categorySchema, lines, problems);

  const seenDates = new Set<string>();
  for (const { line, record } of days ?? []) {
    if (seenDates.has(record.date))
      problems.push({ line, message: `calendarDays: ${record.date} is given twice` });
    seenDates.add(record.date);
    if (record.kind === 'workday' && !isWeekend(record.date)) {
      problems.push({
        line,
        message: `calendarDays: ${record.date} is a weekday; a make-up working day is a weekend day`,
      });
    }
  }
  if (officeHours && officeHours.length === (sections.officeHours as unknown[]).length) {
    for (const message of officeHoursProblems(officeHours.map(({ record }) => record))) {
      const period = Number(/^period (\d+)/.exec(message)?.[1] ?? 1);
      problems.push({ line: officeHours[period - 1]?.line, message: `officeHours: ${message}` });
    }
  }
  if ((days === undefined) !== (officeHours === undefined)) {
    problems.push({
      line: undefined,
      message: 'a calendar replaces the stored one whole: give both calendarDays and officeHours',
    });
  }
  const seenCodes = new Set<string>();
  for (const { line, record } of categories ?? []) {
    if (seenCodes.has(record.code))
      problems.push({ line, message: `categories: ${record.code} is given twice` });
    seenCodes.add(record.code);
  }
  return {
    data: {
      ...(days && officeHours
        ? {
            calendar: {
              days: days.map(({ record }) => record).sort((a, b) => a.date.localeCompare(b.date)),
              officeHours: officeHours.map(({ record }) => record),
            },
          }
        : {}),
      ...(categories ? { categories: categories.map(({ record }) => record) } : {}),
    },
    problems,
  };
}
