// Which workbench actions apply to a case and what each form asks: pure, so it is tested without a browser.

export type Action =
  | 'supervise'
  | 'take_over'
  | 'reassign'
  | 'transfer'
  | 'decide_change'
  | 'decide_appeal'
  | 'merge';
export type FieldName = 'note' | 'until' | 'gridId' | 'departmentId' | 'decision' | 'intoCaseId';

/** What the forms need of the case page's JSON. */
export interface CaseDetail {
  readonly id: string;
  readonly version: number;
  readonly status: string;
  readonly level?: string;
  readonly request?: { readonly kind: string; readonly status: string } | null;
  /** The actions the signed-in supervisor's kind of unit may take at all (a department's are few). */
  readonly allowed?: readonly string[];
}

/** The case page's JSON (GET /workbench/api/cases/{id}), of which the forms read the case and its version. */
export interface CasePageJson {
  readonly case: Omit<CaseDetail, 'version' | 'allowed'>;
  readonly version: number;
  readonly actions?: readonly string[];
}

/** What the forms need of the case page the workbench announced. */
export function caseDetailOf(view: CasePageJson): CaseDetail {
  const { id, status, level, request } = view.case;
  return {
    id,
    version: view.version,
    status,
    ...(level ? { level } : {}),
    request: request ?? null,
    ...(view.actions ? { allowed: view.actions } : {}),
  };
}

/** Each action's fields, in the order the form shows them; `required` ones the API refuses without. */
export const FORMS: Record<
  Action,
  readonly { name: FieldName; required?: boolean; choices?: readonly string[] }[]
> = {
  supervise: [
    { name: 'until', required: true },
    { name: 'note', required: true },
  ],
  take_over: [{ name: 'note' }],
  reassign: [{ name: 'gridId', required: true }, { name: 'note' }],
  transfer: [
    { name: 'departmentId', required: true },
    { name: 'note', required: true },
  ],
  decide_change: [
    { name: 'decision', required: true, choices: ['approve', 'refuse'] },
    { name: 'until' },
    { name: 'note' },
  ],
  decide_appeal: [{ name: 'decision', required: true, choices: ['uphold', 'reject'] }, { name: 'note' }],
  merge: [{ name: 'intoCaseId', required: true }, { name: 'note' }],
};

/** The actions that apply to a case as the page shows it: a pending request's answer, else moving the case. */
export function applicableActions(detail: CaseDetail): Action[] {
  if (detail.status === 'closed' || detail.status === 'resolved') return [];
  const pending = detail.request?.status === 'pending' ? detail.request.kind : undefined;
  const answers: Action[] = pending === 'appeal' ? ['decide_appeal'] : pending ? ['decide_change'] : [];
  const held: Action[] = detail.status === 'in_progress' ? ['supervise'] : [];
  const all: Action[] = [...answers, ...held, 'take_over', 'reassign', 'transfer', 'merge'];
  return detail.allowed ? all.filter((action) => detail.allowed?.includes(action)) : all;
}
