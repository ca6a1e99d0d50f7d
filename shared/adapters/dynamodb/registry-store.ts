import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursorError } from '#domain/errors.ts';
import {
  type Department,
  type Grid,
  normalizeAddress,
  normalizePhone,
  type Person,
  type Unit,
} from '#domain/registry.ts';
import type { GridPage, Registry } from '#ports';
import { batchGetAll } from './batch-get.ts';
import { documentClient } from './document-client.ts';
import { registryKeys } from './keys.ts';

/** Grids change when ops import a new registry, rarely; a warm function re-reads them after this long. */
const GRID_CACHE_MS = 5 * 60_000;

function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(String(key.sk)).toString('base64url') : null;
}

/** The grid id a cursor stands for; anything else is a client's mistake, not a query to send. */
function decodeCursor(cursor: string): string {
  const gridId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w.-]{1,64}$/.test(gridId) || encodeCursor({ sk: gridId }) !== cursor)
    throw new InvalidCursorError();
  return gridId;
}

/** The registry of grids, units and people, read from its own table. */
export class DynamoRegistry implements Registry {
  private gridCache: { at: number; grids: Promise<ReadonlyMap<string, Grid>> } | undefined;
  private readonly unitCache = new Map<string, { at: number; unit: Promise<Unit | undefined> }>();

  constructor(private readonly tableName: string) {}

  private async getItem<T>(key: Record<string, string>): Promise<T | undefined> {
    const { Item } = await documentClient().send(new GetCommand({ TableName: this.tableName, Key: key }));
    return strip<T>(Item);
  }

  /**
   * From the grid list a warm function keeps (intake and every workflow step look a grid up, so this spares a
   * read on each); a grid imported since the list was read is asked of the table.
   */
  async getGrid(id: string): Promise<Grid | undefined> {
    return (await this.cachedGrids()).get(id) ?? this.getItem<Grid>(registryKeys.grid(id));
  }

  async listGrids(limit: number, cursor?: string): Promise<GridPage> {
    const response = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': registryKeys.allGrids },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: registryKeys.grid(decodeCursor(cursor)) } : {}),
      }),
    );
    const items = (response.Items ?? []).map((item) => strip<Grid>(item) as Grid);
    return { items, next: encodeCursor(response.LastEvaluatedKey) };
  }

  async allGrids(): Promise<readonly Grid[]> {
    return [...(await this.cachedGrids()).values()];
  }

  private cachedGrids(): Promise<ReadonlyMap<string, Grid>> {
    const now = Date.now();
    if (!this.gridCache || now - this.gridCache.at > GRID_CACHE_MS) {
      const grids = this.loadAllGrids();
      grids.catch(() => {
        this.gridCache = undefined;
      });
      this.gridCache = { at: now, grids };
    }
    return this.gridCache.grids;
  }

  private async loadAllGrids(): Promise<ReadonlyMap<string, Grid>> {
    const grids = new Map<string, Grid>();
    let cursor: string | undefined;
    do {
      const page = await this.listGrids(500, cursor);
      for (const grid of page.items) grids.set(grid.id, grid);
      cursor = page.next ?? undefined;
    } while (cursor);
    return grids;
  }

  async findGridIdByAddress(address: string): Promise<string | undefined> {
    const item = await this.getItem<{ gridId: string }>(registryKeys.address(normalizeAddress(address)));
    return item?.gridId;
  }

  getPerson(id: string): Promise<Person | undefined> {
    return this.getItem<Person>(registryKeys.person(id));
  }

  /**
   * The person a phone number belongs to: one read of the import's phone item, then the person, whose own
   * number must still match (a number given up and re-imported for someone else finds only the new holder).
   */
  async findPersonByPhone(phone: string): Promise<Person | undefined> {
    const normalized = normalizePhone(phone);
    const entry = await this.getItem<{ personId: string }>(registryKeys.personByPhone(normalized));
    const person = entry ? await this.getPerson(entry.personId) : undefined;
    return person?.phone && normalizePhone(person.phone) === normalized ? person : undefined;
  }

  async getPeople(ids: readonly string[]): Promise<Person[]> {
    const keys = [...new Set(ids)].map((id) => registryKeys.person(id));
    const items = await batchGetAll(this.tableName, keys, { consistentRead: false });
    const people = items.map((item) => strip<Person>(item) as Person);
    return people.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  /** Kept warm like the grids: intake reads the district's unit for every case number's prefix. */
  getUnit(id: string): Promise<Unit | undefined> {
    const now = Date.now();
    const cached = this.unitCache.get(id);
    if (cached && now - cached.at <= GRID_CACHE_MS) return cached.unit;
    const unit = this.getItem<Unit>(registryKeys.unit(id));
    unit.catch(() => this.unitCache.delete(id));
    this.unitCache.set(id, { at: now, unit });
    return unit;
  }

  async getUnits(ids: readonly string[]): Promise<Unit[]> {
    const keys = [...new Set(ids)].map((id) => registryKeys.unit(id));
    const items = await batchGetAll(this.tableName, keys, { consistentRead: false });
    return items.map((item) => strip<Unit>(item) as Unit);
  }

  getDepartment(id: string): Promise<Department | undefined> {
    return this.getItem<Department>(registryKeys.department(id));
  }

  async listDepartments(): Promise<Department[]> {
    const departments: Department[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': registryKeys.allDepartments },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      departments.push(...(page.Items ?? []).map((item) => strip<Department>(item) as Department));
      start = page.LastEvaluatedKey;
    } while (start);
    return departments;
  }
}
