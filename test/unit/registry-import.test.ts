import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/paths.ts';
import { CsvSyntaxError, parseCsv } from '../../shared/registry-import/csv.ts';
import { recordLines } from '../../shared/registry-import/json-lines.ts';
import { parseRegistryCsv, parseRegistryJson } from '../../shared/registry-import/parse.ts';

function square(west: number, south: number, size: number): number[][] {
  return [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
}

const example = (name: string) => readFileSync(join(REPO_ROOT, 'docs/examples', name), 'utf8');

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and numbers records by their first line', () => {
    // Act
    const records = parseCsv('\uFEFFkind,name\r\nunit,"荷花, ""东""区"\n\nunit,"two\nlines"\nlast,x');

    // Assess
    expect(records).toEqual([
      { line: 1, cells: ['kind', 'name'] },
      { line: 2, cells: ['unit', '荷花, "东"区'] },
      { line: 4, cells: ['unit', 'two\nlines'] },
      { line: 6, cells: ['last', 'x'] },
    ]);
  });

  it('numbers lines right after CRLF line breaks inside quoted cells', () => {
    // Act
    const records = parseCsv('a,b\r\n"c\r\nd",e\r\nf,g');

    // Assess
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c\nd', 'e'] },
      { line: 4, cells: ['f', 'g'] },
    ]);
  });

  it.each([
    ['a quote never closed, at the record it opens in', 'a,b\nc,d\n\ne,"f\ng,h\ni,j\n', 4, /never closed/],
    ['a quote inside an unquoted cell', 'a,b\nc,d\ne,f"g\n', 3, /Invalid Opening Quote/],
    ['text after a closing quote', 'a,b\n"c"x,d\n', 2, /Invalid Closing Quote/],
  ])('refuses %s, naming its line', (_, text, line, message) => {
    // Act
    const parsing = () => parseCsv(text);

    // Assess
    expect(parsing).toThrow(CsvSyntaxError);
    expect(parsing).toThrow(expect.objectContaining({ line, message: expect.stringMatching(message) }));
  });
});

describe('recordLines', () => {
  it('finds the line each record of each section starts on', () => {
    // Act
    const lines = recordLines(
      '{\n "units": [\n  {"id": "a"},\n  {"id": "b", "x": [1, {"y": "}"}]}\n ],\n "people": [\n  {}\n ]\n}',
    );

    // Assess
    expect(Object.fromEntries(lines)).toEqual({ 'units[0]': 3, 'units[1]': 4, 'people[0]': 7 });
  });
});

describe('parseRegistryJson and parseRegistryCsv', () => {
  it('read the two example files as the same registry', () => {
    // Act
    const json = parseRegistryJson(example('registry.json'));
    const csv = parseRegistryCsv(example('registry.csv'));

    // Assess
    expect(json.ok && json.data.grids[0]?.workers).toEqual([{ id: 'w-0001', name: '张丽' }]);
    expect(csv).toEqual(json);
  });

  it('report each malformed CSV row with its line and field, once, without knock-on reference errors', () => {
    // Prepare
    const lines = example('registry.csv').split('\n');
    lines[4] = lines[4]?.replace('113.152 27.83;', '113.152;') ?? '';
    lines[7] = lines[7]?.replace('community_supervisor', 'boss') ?? '';

    // Act
    const result = parseRegistryCsv(lines.join('\n'));

    // Assess
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 5, message: expect.stringMatching(/^grid boundary\.coordinates\.0\.0\.1: /) },
        { line: 8, message: expect.stringMatching(/^person role: /) },
      ],
    });
  });

  it('read a CSV boundary given as GeoJSON in GCJ-02 as a WGS-84 MultiPolygon, holes kept', () => {
    // Prepare
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        [square(113.152, 27.83, 0.004), square(113.153, 27.831, 0.001)],
        [square(113.16, 27.83, 0.002)],
      ],
    };
    const cell = `"${JSON.stringify(multi).replaceAll('"', '""')}",gcj02`;
    const lines = example('registry.csv').split('\n');
    lines[4] = lines[4]?.replace(/,113\.152 27\.83;[^,]*,,/, `,${cell},`) ?? '';

    // Act
    const result = parseRegistryCsv(lines.join('\n'));

    // Assess
    const boundary = result.ok ? result.data.grids[0]?.boundary : result.problems;
    expect(boundary).toMatchObject({
      type: 'MultiPolygon',
      coordinates: [[{ length: 5 }, { length: 5 }], [{}]],
    });
    const [[[[lng, lat] = []] = []] = []] = (boundary as unknown as { coordinates: number[][][][] })
      .coordinates;
    // GCJ-02 lies about 570 m east and 350 m south of WGS-84 in Zhuzhou.
    expect(lng).toBeCloseTo(113.152 - 0.0058, 3);
    expect(lat).toBeCloseTo(27.83 + 0.0032, 3);
  });

  it.each([
    ['a ring that is not closed', '113.152 27.83;113.156 27.83;113.156 27.834;113.152 27.834', /closed ring/],
    ['GeoJSON that does not parse', '"{""type"": ""Polygon"", ""coordinates"": [}"', /not valid GeoJSON/],
    [
      'a GeoJSON point',
      '"{""type"": ""Point"", ""coordinates"": [113.15, 27.83]}"',
      /Polygon or MultiPolygon/,
    ],
  ])('report a CSV boundary that is %s at its line', (_, cell, message) => {
    // Prepare
    const lines = example('registry.csv').split('\n');
    lines[4] = lines[4]?.replace(/,113\.152 27\.83;[^,]*,/, `,${cell},`) ?? '';

    // Act
    const result = parseRegistryCsv(lines.join('\n'));

    // Assess
    expect(result).toEqual({ ok: false, problems: [{ line: 5, message: expect.stringMatching(message) }] });
  });

  it('refuse a coordinate system it does not know', () => {
    // Act
    const result = parseRegistryJson(
      example('registry.json').replace('"type": "Polygon"', '"type": "Polygon", "crs": 1'),
    );
    const unknown = parseRegistryJson(
      example('registry.json').replace('"boundary": {', '"coordSystem": "bd09",\n      "boundary": {'),
    );

    // Assess
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^grids\[0\] boundary: /),
    ]);
    expect(unknown.ok ? [] : unknown.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^grids\[0\] coordSystem: /),
    ]);
  });

  it('report a CSV file whose quote is never closed at its line, instead of reading the rest as one cell', () => {
    // Prepare
    const lines = example('registry.csv').split('\n');
    lines[6] = lines[6]?.replace('王芳', '"王芳') ?? '';

    // Act
    const result = parseRegistryCsv(lines.join('\n'));

    // Assess
    expect(result).toEqual({
      ok: false,
      problems: [{ line: 7, message: expect.stringMatching(/^not valid CSV: .*never closed/) }],
    });
  });

  it('report malformed JSON records at the line they start on, and broken references between records', () => {
    // Prepare
    const text = example('registry.json')
      .replace('"parentId": "s-jianshe"', '"parentId": "s-nowhere"')
      .replace(/("unitId": "g-hehua-1",\s*"onDuty": )true/, '$1"yes"');
    const recordStart = (id: string) =>
      text.slice(0, text.lastIndexOf(`"id": "${id}",`)).split('\n').length - 1;

    // Act
    const result = parseRegistryJson(text);

    // Assess
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: recordStart('c-hehua'), message: 'unit c-hehua: parent s-nowhere is not a street here' },
        { line: recordStart('g-hehua-1'), message: 'grid g-hehua-1: community c-hehua is not in s-jianshe' },
        { line: recordStart('w-0001'), message: expect.stringMatching(/^people\[3\] onDuty: /) },
      ],
    });
    expect(recordStart('c-hehua')).toBe(11);
  });

  it('report a file that is not JSON, at its line where Node names it', () => {
    // Act
    const result = parseRegistryJson('{\n  "units": [\n    {"id": }\n  ]\n}');

    // Assess
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^not valid JSON/) }),
    ]);
    expect([3, undefined]).toContain(problems[0]?.line);
  });
});
