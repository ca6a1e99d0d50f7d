import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { NoUnitAssignedError } from '#domain/errors.ts';
import type { Grid } from '#domain/registry.ts';
import { problemOf } from '#http/error-mapping.ts';
import { readableUnit, viewerOf } from '#http/pages/dashboard-api.ts';
import { principalOf } from '#http/principal.ts';
import type { Registry } from '#ports';

const grid = (id: string, communityId: string, streetId: string) =>
  ({ id, communityId, streetId, districtId: 'd-1', name: id }) as Grid;
const GRIDS = [grid('g-1', 'c-11', 's-1'), grid('g-2', 'c-12', 's-1'), grid('g-3', 'c-21', 's-2')];
const DEPARTMENTS = [
  { id: 'dep-water', name: '自来水公司', districtId: 'd-1' },
  { id: 'dep-power', name: '供电公司', districtId: 'd-1' },
];
const PEOPLE = [
  { id: 'ds-water', role: 'department_supervisor', unitId: 'dep-water' },
  { id: 'dh-water', role: 'department_handler', unitId: 'dep-water' },
];
const deps = {
  registry: {
    allGrids: async () => GRIDS,
    getDepartment: async (id: string) => DEPARTMENTS.find((department) => department.id === id),
    getPerson: async (id: string) => PEOPLE.find((person) => person.id === id),
  } as unknown as Registry,
};

/** A dashboard request as API Gateway passes it on, with the JWT authorizer's claims or none. */
function requestWith(claims?: Record<string, string>): APIGatewayProxyEventV2 {
  const authorizer = claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {};
  return { requestContext: { ...authorizer } } as unknown as APIGatewayProxyEventV2;
}

async function statusOf(work: Promise<unknown>): Promise<number> {
  try {
    await work;
    return 200;
  } catch (error) {
    return problemOf(error).problem.status;
  }
}

describe('dashboard reads by unit', () => {
  it('reads the supervisor’s unit from the gridwork:unit claim or a unit: Cognito group', () => {
    // Act
    const claim = viewerOf(requestWith({ 'gridwork:unit': 'street:s-1' }));
    const group = viewerOf(requestWith({ 'cognito:groups': '[admins unit:community:c-12]' }));

    // Assess
    expect(claim).toEqual({ scope: 'street', id: 's-1' });
    expect(group).toEqual({ scope: 'community', id: 'c-12' });
  });

  it('reads the signed-in person beside their unit', () => {
    // Act
    const worker = principalOf(requestWith({ 'gridwork:person': 'w-0001', 'gridwork:unit': 'grid:g-1' }));
    const unnamed = principalOf(requestWith({ 'cognito:groups': '[unit:street:s-1]' }));

    // Assess
    expect(worker).toEqual({ personId: 'w-0001', unit: { scope: 'grid', id: 'g-1' } });
    expect(unnamed).toEqual({ personId: undefined, unit: { scope: 'street', id: 's-1' } });
  });

  it('refuses a valid token that names no unit, and a request without a token', () => {
    // Act
    const attempt = () => viewerOf(requestWith({ sub: 'someone', 'cognito:groups': '[admins]' }));
    const anonymous = () => viewerOf(requestWith());

    // Assess
    expect(attempt).toThrow(NoUnitAssignedError);
    expect(anonymous).toThrow(NoUnitAssignedError);
    expect(problemOf(new NoUnitAssignedError()).problem.status).toBe(403);
  });

  it('lets a street supervisor read their street and what lies below it, and nothing else', async () => {
    // Prepare
    const street = requestWith({ 'gridwork:unit': 'street:s-1' });
    const read = (asked?: { scope: 'district' | 'street' | 'community' | 'grid'; id: string }) =>
      statusOf(readableUnit(deps, street, asked));

    // Act
    const statuses = await Promise.all([
      read(),
      read({ scope: 'street', id: 's-1' }),
      read({ scope: 'community', id: 'c-12' }),
      read({ scope: 'grid', id: 'g-1' }),
      read({ scope: 'street', id: 's-2' }),
      read({ scope: 'community', id: 'c-21' }),
      read({ scope: 'grid', id: 'g-3' }),
      read({ scope: 'district', id: 'd-1' }),
    ]);

    // Assess
    expect(statuses).toEqual([200, 200, 200, 200, 403, 403, 403, 403]);
    expect(await readableUnit(deps, street)).toEqual({ scope: 'street', id: 's-1' });
  });

  it('gives a district supervisor the whole district', async () => {
    // Act
    const own = await readableUnit(deps, requestWith({ 'gridwork:unit': 'district:d-1' }));
    const anywhere = await readableUnit(deps, requestWith({ 'gridwork:unit': 'district:d-1' }), {
      scope: 'grid',
      id: 'g-3',
    });

    // Assess
    expect(own).toEqual({ scope: 'district', id: 'd-1' });
    expect(anywhere).toEqual({ scope: 'grid', id: 'g-3' });
  });

  it('lets a department’s supervisor read that department alone, and the district every department', async () => {
    // Prepare
    const as = (person: string, unit: string) =>
      requestWith({ 'gridwork:person': person, 'gridwork:unit': unit });
    const read = (request: APIGatewayProxyEventV2, asked?: { scope: 'department' | 'street'; id: string }) =>
      statusOf(readableUnit(deps, request, asked));
    const supervisor = as('ds-water', 'department:dep-water');

    // Act
    const statuses = await Promise.all([
      read(supervisor),
      read(supervisor, { scope: 'department', id: 'dep-water' }),
      read(supervisor, { scope: 'department', id: 'dep-power' }),
      read(supervisor, { scope: 'street', id: 's-1' }),
      // A handler's token names the department too, but the figures are its supervisor's.
      read(as('dh-water', 'department:dep-water')),
      // A token naming a department its person does not supervise.
      read(as('ds-water', 'department:dep-power')),
      read(as('sup-s1', 'street:s-1'), { scope: 'department', id: 'dep-water' }),
      read(as('sup-d', 'district:d-1'), { scope: 'department', id: 'dep-power' }),
      read(as('sup-d', 'district:d-1'), { scope: 'department', id: 'dep-none' }),
    ]);

    // Assess
    expect(statuses).toEqual([200, 200, 403, 403, 403, 403, 403, 200, 404]);
    expect(await readableUnit(deps, supervisor)).toEqual({ scope: 'department', id: 'dep-water' });
  });
});
