// Departments in registry files: read from JSON and CSV alike, checked whole, each problem at its line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegistryCsv, parseRegistryJson } from '../../shared/registry-import/parse.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const example = (name: string) => readFileSync(join(REPO_ROOT, 'docs/examples', name), 'utf8');

const WATER = {
  id: 'dep-water',
  name: '自来水公司',
  kind: 'water',
  districtId: 'd-lusong',
  handlerIds: ['dh-1'],
  supervisorIds: ['ds-1'],
};
const STAFF = [
  {
    id: 'dh-1',
    name: '周受理',
    role: 'department_handler',
    unitId: 'dep-water',
    onDuty: true,
    phone: '+8613800000011',
  },
  { id: 'ds-1', name: '吴经理', role: 'department_supervisor', unitId: 'dep-water', onDuty: true },
];

function jsonWith(departments: object[], people: object[] = STAFF): string {
  const registry = JSON.parse(example('registry.json'));
  return JSON.stringify({ ...registry, people: [...registry.people, ...people], departments }, null, 2);
}

describe('departments in a registry file', () => {
  it('read the same department from JSON and from CSV rows', () => {
    // Prepare
    const [header, ...rows] = example('registry.csv').trimEnd().split('\n');
    const csv = [
      `${header},departmentKind`,
      ...rows,
      'person,dh-1,周受理,,,,,,,,,,department_handler,dep-water,true,+8613800000011,',
      'person,ds-1,吴经理,,,,,,,,,,department_supervisor,dep-water,true,,',
      'department,dep-water,自来水公司,,,,,,d-lusong,,,,,,,,,water',
    ].join('\n');

    // Act
    const json = parseRegistryJson(jsonWith([WATER]));
    const fromCsv = parseRegistryCsv(csv);

    // Assess
    expect(json.ok && json.data.departments).toEqual([WATER]);
    expect(fromCsv.ok && fromCsv.data.departments).toEqual([WATER]);
  });

  it('report a department outside any district, a wrong kind and staff of another role, each at its line', () => {
    // Prepare
    const text = jsonWith([
      { ...WATER, districtId: 'c-hehua' },
      { ...WATER, id: 'dep-power', kind: 'electricity' },
      { ...WATER, id: 'dep-gas', kind: 'gas', handlerIds: ['p-c01'] },
    ]);
    // A record's line is that of its opening brace, the one before its id.
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

    // Act
    const result = parseRegistryJson(text);

    // Assess
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: lineOf('"id": "dep-water"'), message: 'department dep-water: c-hehua is not a district' },
        { line: lineOf('"id": "dep-power"'), message: expect.stringMatching(/^departments\[1\] kind: /) },
        {
          line: lineOf('"id": "dep-gas"'),
          message: 'department dep-gas: p-c01 is not a department_handler of this department',
        },
        {
          line: lineOf('"id": "dep-gas"'),
          message: 'department dep-gas: ds-1 is not a department_supervisor of this department',
        },
      ],
    });
  });

  it('report a department handler whose unit is not a department', () => {
    // Act
    const result = parseRegistryJson(jsonWith([], [{ ...STAFF[0], unitId: 'g-hehua-1' }]));

    // Assess
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      'person dh-1: g-hehua-1 is not a department here',
    ]);
  });
});
