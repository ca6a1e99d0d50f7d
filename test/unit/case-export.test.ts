import { describe, expect, it } from 'vitest';
import {
  type CaseExport,
  type CaseExportStore,
  EXPORT_STALE_AFTER_SECONDS,
  type ExportFiles,
  ExportNotFoundError,
  type ExportQueue,
} from '#domain/case-export.ts';
import type { Issue } from '#domain/issue.ts';
import { caseListCsv } from '#http/case-list-csv.ts';
import { fakeDeps } from '#test/support/fakes.ts';
import { runCaseExport, startCaseExport, viewCaseExport } from '#use-cases/case-export.ts';
import { at, GRID_A, GRID_B, ladderRegistry, reportedIssue } from './fixtures.ts';

class FakeExportStore implements CaseExportStore {
  readonly jobs = new Map<string, CaseExport>();
  async create(job: CaseExport) {
    this.jobs.set(job.id, job);
  }
  async get(id: string) {
    return this.jobs.get(id);
  }
  async finish(id: string, outcome: Partial<CaseExport>) {
    const job = this.jobs.get(id);
    if (job?.status === 'running') this.jobs.set(id, { ...job, ...outcome });
  }
}

class FakeExportQueue implements ExportQueue {
  readonly sent: string[] = [];
  failing = false;
  async enqueue(id: string) {
    if (this.failing) throw new Error('queue unavailable');
    this.sent.push(id);
  }
}

class FakeExportFiles implements ExportFiles {
  readonly files = new Map<string, string[]>();
  async write(key: string, chunks: AsyncIterable<string>) {
    const written: string[] = [];
    for await (const chunk of chunks) written.push(chunk);
    this.files.set(key, written);
  }
  async downloadUrl(key: string, fileName: string, ttlSeconds: number) {
    return `https://files.example/${key}?name=${encodeURIComponent(fileName)}&ttl=${ttlSeconds}`;
  }
}

const COMMUNITY = { scope: 'community', id: GRID_A.communityId } as const;
const ALICE = { unit: COMMUNITY, personId: 'sup-alice' };

/** `count` cases in community c-01 (every third escalated to the street) and as many in c-02. */
function scenario(count: number) {
  const base = fakeDeps(ladderRegistry(), at(0));
  const deps = {
    ...base,
    caseExports: new FakeExportStore(),
    exportQueue: new FakeExportQueue(),
    exportFiles: new FakeExportFiles(),
    csvOf: caseListCsv,
  };
  for (let n = 0; n < count * 2; n += 1) {
    const issue: Issue = reportedIssue({
      id: `gw-${String(n).padStart(6, '0')}`,
      caseNumber: `LS-20250301-${String(n).padStart(4, '0')}`,
      grid: n % 2 === 0 ? GRID_A : GRID_B,
      reporter: { name: '张三', phone: '13812345678' },
      now: at(n),
    });
    void base.issues.create(n % 6 === 0 ? { ...issue, level: 'street' } : issue);
  }
  return deps;
}

describe('starting a case-list export', () => {
  it('records the running job for its owner, the export in the audit trail, and queues the job', async () => {
    // Prepare
    const deps = scenario(1);

    // Act
    const job = await startCaseExport(deps, ALICE, { category: 'water_supply', overdue: true });

    // Assess
    expect(deps.caseExports.jobs.get(job.id)).toEqual({
      id: job.id,
      unit: COMMUNITY,
      requestedBy: 'sup-alice',
      filter: { category: 'water_supply', overdue: true },
      status: 'running',
      createdAt: at(0),
    });
    expect(deps.exportQueue.sent).toEqual([job.id]);
    expect(deps.audit.entries).toEqual([
      expect.objectContaining({
        actor: 'sup-alice',
        action: 'exported_cases',
        detail: JSON.stringify({
          export: job.id,
          unit: COMMUNITY,
          filter: { category: 'water_supply', overdue: true },
        }),
      }),
    ]);
  });

  it('marks the job failed when it cannot be queued, and says so', async () => {
    // Prepare
    const deps = scenario(1);
    deps.exportQueue.failing = true;

    // Act
    const started = startCaseExport(deps, ALICE, {});

    // Assess
    await expect(started).rejects.toThrow('queue unavailable');
    expect([...deps.caseExports.jobs.values()].map((job) => job.status)).toEqual(['failed']);
  });
});

describe('running a case-list export', () => {
  it('writes the unit’s cases newest first, page by page, phones whole only where the unit holds the case', async () => {
    // Prepare: 250 cases in the community, over three pages of the list
    const deps = scenario(250);
    const job = await startCaseExport(deps, ALICE, {});

    // Act
    await runCaseExport(deps, job.id);

    // Assess
    const chunks = deps.exportFiles.files.get(`exports/${job.id}.csv`) ?? [];
    const lines = chunks.join('').split('\r\n').filter(Boolean);
    expect(chunks.length).toBeGreaterThan(2);
    expect(lines[0]?.startsWith('\uFEFF案件编号,类别,状态,层级,来源,超期,网格,地址,描述,报告人,电话,')).toBe(
      true,
    );
    expect(lines).toHaveLength(1 + 250);
    expect(lines[1]?.startsWith('LS-20250301-0498,')).toBe(true);
    expect(lines.slice(1).every((line) => line.includes(',g-001,'))).toBe(true);
    const phones = lines.slice(1).map((line) => (line.includes(',street,') ? 'street' : 'grid'));
    const whole = lines.slice(1).filter((line) => line.includes(',13812345678,'));
    const masked = lines.slice(1).filter((line) => line.includes(',138****5678,'));
    expect(whole).toHaveLength(phones.filter((level) => level === 'grid').length);
    expect(masked).toHaveLength(phones.filter((level) => level === 'street').length);
    expect(masked.length).toBeGreaterThan(0);
    expect(deps.caseExports.jobs.get(job.id)).toMatchObject({ status: 'done', rows: 250, complete: true });
  });

  it('leaves a finished job as it is when its message comes again', async () => {
    // Prepare
    const deps = scenario(3);
    const job = await startCaseExport(deps, ALICE, {});
    await runCaseExport(deps, job.id);
    deps.exportFiles.files.clear();

    // Act
    await runCaseExport(deps, job.id);

    // Assess
    expect(deps.exportFiles.files.size).toBe(0);
    expect(deps.caseExports.jobs.get(job.id)?.rows).toBe(3);
  });
});

describe('viewing a case-list export', () => {
  it('gives its owner a short-lived download URL named after the unit and day, and no one else anything', async () => {
    // Prepare
    const deps = scenario(2);
    const job = await startCaseExport(deps, ALICE, {});
    const running = await viewCaseExport(deps, ALICE, job.id);
    await runCaseExport(deps, job.id);

    // Act
    const done = await viewCaseExport(deps, ALICE, job.id);
    const otherPerson = viewCaseExport(deps, { unit: COMMUNITY, personId: 'sup-bob' }, job.id);
    const missing = viewCaseExport(deps, ALICE, 'no-such-export');

    // Assess
    expect(running).toEqual({ id: job.id, status: 'running', createdAt: at(0) });
    expect(done).toEqual({
      id: job.id,
      status: 'done',
      createdAt: at(0),
      rows: 2,
      complete: true,
      fileName: '案件-c-01-2025-03-01.csv',
      url: `https://files.example/exports/${job.id}.csv?name=${encodeURIComponent('案件-c-01-2025-03-01.csv')}&ttl=300`,
      urlExpiresAt: new Date(Date.parse(at(0)) + 300_000).toISOString(),
    });
    await expect(otherPerson).rejects.toBeInstanceOf(ExportNotFoundError);
    await expect(missing).rejects.toBeInstanceOf(ExportNotFoundError);
  });

  it('reports a job still running after every try the exporter makes as failed', async () => {
    // Prepare
    const deps = scenario(1);
    const job = await startCaseExport(deps, ALICE, {});

    // Act
    deps.clock.set(new Date(Date.parse(at(0)) + EXPORT_STALE_AFTER_SECONDS * 1000 + 1).toISOString());
    const view = await viewCaseExport(deps, ALICE, job.id);

    // Assess
    expect(view.status).toBe('failed');
  });
});
