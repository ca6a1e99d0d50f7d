// Issues for the scale benchmark, written straight to the cases table in the shapes the app writes
// (shared/adapters/dynamodb/issue-store.ts and keys.ts): closed ones with a full timeline, open ones waiting.
import { PACKED_ATTRIBUTE, packIssue } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys, gridIndexKeys, streetIndexKeys } from '#adapters/dynamodb/keys.ts';
import type { Issue } from '#domain/issue.ts';
import type { Grid } from '#domain/registry.ts';

const at = (base: number, minutes: number) => new Date(base + minutes * 60_000).toISOString();

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A valid issue id (`gw-` and 16 lower-case base32 digits) that is the index itself, so never a duplicate. */
function syntheticId(index: number): string {
  let digits = '';
  for (let rest = index, i = 0; i < 16; i++, rest = Math.floor(rest / 32))
    digits = BASE32[rest % 32] + digits;
  return `gw-${digits}`;
}

export function syntheticIssue(index: number, grid: Grid, open: boolean): Issue {
  const worker = grid.workers[index % Math.max(1, grid.workers.length)] ?? { id: 'w-0001', name: '王伟' };
  const assignee = { id: worker.id, name: worker.name, role: 'grid_worker' as const };
  const base = Date.UTC(2026, 0, 1) + index * 60_000;
  const id = syntheticId(index);
  const common = {
    id,
    category: 'public_facilities',
    description: '小区东门路灯不亮，晚上行人看不清台阶',
    location: { gridId: grid.id },
    gridId: grid.id,
    communityId: grid.communityId,
    streetId: grid.streetId,
    districtId: grid.districtId,
    reporter: { phone: '13700001111' },
    anonymous: false,
    level: 'grid' as const,
    overdue: false,
    reworkCount: 0,
    workerId: worker.id,
    createdAt: at(base, 0),
  };
  if (open) {
    return {
      ...common,
      status: 'assigned',
      task: {
        seq: 1,
        kind: 'accept',
        level: 'grid',
        assignee,
        nonce: 'bench-nonce-0000000000',
        offeredAt: at(base, 0),
        deadline: at(base, 240),
        status: 'open',
      },
      pastTasks: [],
      timeline: [
        { at: at(base, 0), type: 'submitted', level: 'grid', to: grid.id },
        { at: at(base, 0), type: 'assigned', level: 'grid', assignee },
      ],
      updatedAt: at(base, 0),
      version: 2,
    };
  }
  return {
    ...common,
    status: 'closed',
    pastTasks: [
      { seq: 1, nonce: 'bench-nonce-0000000001', status: 'used' },
      { seq: 2, nonce: 'bench-nonce-0000000002', status: 'used' },
    ],
    rating: { score: 5, at: at(base, 600), round: 0 },
    resolution: { by: assignee, level: 'grid', at: at(base, 480), note: '已更换灯泡' },
    outcome: 'satisfied',
    next: { kind: 'closed', after: 'rated' },
    timeline: [
      { at: at(base, 0), type: 'submitted', level: 'grid', to: grid.id },
      { at: at(base, 0), type: 'assigned', level: 'grid', assignee },
      { at: at(base, 30), type: 'accepted', by: assignee },
      { at: at(base, 480), type: 'resolved', by: assignee, note: '已更换灯泡' },
      { at: at(base, 600), type: 'rated', score: 5 },
      { at: at(base, 600), type: 'closed', outcome: 'satisfied' },
    ],
    updatedAt: at(base, 600),
    version: 7,
  };
}

/** The stored item of an issue, as DynamoIssueStore writes it. */
export function issueItem(issue: Issue): Record<string, unknown> {
  return {
    ...caseKeys.issue(issue.id),
    ...gridIndexKeys.of(issue),
    ...streetIndexKeys.of(issue),
    [PACKED_ATTRIBUTE]: packIssue(issue),
    version: issue.version,
  };
}
