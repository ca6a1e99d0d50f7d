import type { WorkbenchUnit } from '#domain/contact.ts';
import type { Issue } from '#domain/issue.ts';
import { reporterView } from '#use-cases/workbench-case.ts';
import { excelCsvChunks } from './excel-csv.ts';

const COLUMNS: readonly [string, (issue: Issue, unit: WorkbenchUnit) => string | number | undefined][] = [
  ['案件编号', (issue) => issue.caseNumber ?? issue.id],
  ['类别', (issue) => issue.category],
  ['状态', (issue) => issue.status],
  ['层级', (issue) => issue.level],
  ['来源', (issue) => issue.source ?? 'web'],
  ['超期', (issue) => (issue.overdue ? '是' : '否')],
  ['网格', (issue) => issue.gridId],
  ['地址', (issue) => ('address' in issue.location ? issue.location.address : '')],
  ['描述', (issue) => issue.description],
  ['报告人', (issue, unit) => reporterView(issue, unit, true)?.name],
  ['电话', (issue, unit) => reporterView(issue, unit, true)?.phone],
  ['受理时间', (issue) => issue.createdAt],
  ['办结时限', (issue) => issue.resolveDeadline],
];

/**
 * Cases as Excel's CSV (./excel-csv.ts), in chunks as the pages are read; contacts masked unless the unit
 * holds the case (the case page's rule).
 */
export function caseListCsv(
  pages: AsyncIterable<readonly Issue[]>,
  unit: WorkbenchUnit,
): AsyncGenerator<string> {
  async function* rows() {
    for await (const page of pages)
      for (const issue of page) yield COLUMNS.map(([, value]) => value(issue, unit));
  }
  return excelCsvChunks(
    COLUMNS.map(([name]) => name),
    rows(),
  );
}
