// The workbench's action forms: when the workbench page shows a case (the `workbench:case` event, whose detail is
// the case JSON of GET /workbench/api/cases/{id}), the forms of the actions that apply to it are drawn into
// <section id="case-actions">, posted with the signed-in supervisor's token, and problems shown by field.
// DOM is built with textContent only: no data becomes markup.
import type { Problem } from './problem.ts';
import {
  type Action,
  applicableActions,
  type CaseDetail,
  type CasePageJson,
  caseDetailOf,
  FORMS,
} from './workbench-action-forms.ts';

type Lang = 'zh' | 'en';

const WORDS = {
  zh: {
    heading: '处置',
    submit: '提交',
    done: '已完成，案件已更新。',
    fix: '请修改标出的内容。',
    failed: '提交失败，请稍后再试。',
    offline: '网络不通，请稍后再试。',
    signIn: '登录已失效，请重新登录。',
    status: {
      403: '您的层级或辖区不能进行此项处置。',
      404: '您的辖区内没有这个案件。',
      409: '案件已有变化，请刷新后再处置。',
    } as Record<number, string>,
    actions: {
      supervise: '督办（原承办人继续办理）',
      take_over: '本级接手',
      reassign: '改派到其他网格',
      transfer: '转派职能部门',
      decide_change: '审批延期/挂起申请',
      decide_appeal: '复核差评申诉',
      merge: '并案（本案为重复件）',
    },
    fields: {
      note: '说明',
      until: '期限（督办期限，或批准的新日期）',
      gridId: '网格编号',
      departmentId: '职能部门编号',
      decision: '决定',
      intoCaseId: '并入的案件编号',
    },
    decisions: { approve: '批准', refuse: '不批准', uphold: '申诉成立', reject: '申诉不成立' },
  },
  en: {
    heading: 'Actions',
    submit: 'Submit',
    done: 'Done; the case was updated.',
    fix: 'Please correct the marked fields.',
    failed: 'That did not work; please try again later.',
    offline: 'No connection; please try again later.',
    signIn: 'Your sign-in has expired; please sign in again.',
    status: {
      403: 'Your level or unit may not take this action.',
      404: 'No such case in your unit.',
      409: 'The case has changed; reload it before acting.',
    } as Record<number, string>,
    actions: {
      supervise: 'Supervise (the holder keeps the case)',
      take_over: 'Take over at my level',
      reassign: 'Reassign to another grid',
      transfer: 'Transfer to a department',
      decide_change: 'Decide the deferral or pause',
      decide_appeal: 'Decide the rating appeal',
      merge: 'Merge (this case is a duplicate)',
    },
    fields: {
      note: 'Note',
      until: 'Deadline (supervision, or the approved new date)',
      gridId: 'Grid id',
      departmentId: 'Department id',
      decision: 'Decision',
      intoCaseId: 'Case to merge into',
    },
    decisions: { approve: 'Approve', refuse: 'Refuse', uphold: 'Uphold', reject: 'Reject' },
  },
} as const;

const lang: Lang = document.documentElement.lang.startsWith('en') ? 'en' : 'zh';
const t = WORDS[lang];

function element(tag: string, attrs: Record<string, string | boolean> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'text') node.textContent = String(value);
    else if (value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

function field(action: Action, spec: (typeof FORMS)[Action][number]): HTMLElement {
  const id = `${action}-${spec.name}`;
  const control = spec.choices
    ? element(
        'select',
        { id, name: spec.name, required: spec.required ?? false },
        ...spec.choices.map((choice) =>
          element('option', { value: choice, text: t.decisions[choice as keyof typeof t.decisions] }),
        ),
      )
    : spec.name === 'note'
      ? element('textarea', {
          id,
          name: spec.name,
          rows: '2',
          maxlength: '1000',
          required: spec.required ?? false,
        })
      : element('input', {
          id,
          name: spec.name,
          type: spec.name === 'until' ? 'date' : 'text',
          required: spec.required ?? false,
        });
  return element(
    'p',
    { class: 'field' },
    element('label', { for: id, text: t.fields[spec.name] }),
    control,
    element('span', { class: 'field-error', 'data-error-for': spec.name, role: 'alert' }),
  );
}

/** The signed-in supervisor's token, where the page keeps it (`data-token-key`, the dashboard's by default). */
function bearer(section: HTMLElement): string {
  return `Bearer ${sessionStorage.getItem(section.dataset.tokenKey ?? 'gridwork.dashboard.token') ?? ''}`;
}

function showProblem(form: HTMLFormElement, status: number, problem: Problem | null): string {
  let named = false;
  for (const error of problem?.errors ?? []) {
    const slot = form.querySelector<HTMLElement>(`[data-error-for="${error.path.split('.')[0]}"]`);
    if (slot) {
      // The page's own words would hide which rule failed; the API's message names it (its language is English).
      slot.textContent = error.message;
      named = true;
    }
  }
  if (status === 0) return t.offline;
  if (status === 401) return t.signIn;
  if (named) return t.fix;
  const heading = t.status[status] ?? t.failed;
  return problem?.detail && status !== 500 ? `${heading} (${problem.detail})` : heading;
}

async function post(section: HTMLElement, detail: CaseDetail, action: Action, form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>('.form-status');
  for (const slot of form.querySelectorAll<HTMLElement>('[data-error-for]')) slot.textContent = '';
  const body: Record<string, unknown> = { action, version: detail.version };
  for (const [name, value] of new FormData(form)) if (String(value).trim() !== '') body[name] = String(value);
  let response: Response | undefined;
  try {
    response = await fetch(`/workbench/api/cases/${encodeURIComponent(detail.id)}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(section) },
      body: JSON.stringify(body),
    });
  } catch {
    response = undefined;
  }
  if (response?.ok) {
    if (status) status.textContent = t.done;
    // The page reloads the case (its new version, timeline and holder) when it hears of the action.
    document.dispatchEvent(new CustomEvent('workbench:acted', { detail: { caseId: detail.id, action } }));
    return;
  }
  const problem = response ? ((await response.json().catch(() => null)) as Problem | null) : null;
  if (status) status.textContent = showProblem(form, response?.status ?? 0, problem);
}

function render(detail: CaseDetail): void {
  const section = document.getElementById('case-actions');
  if (!section) return;
  section.dataset.caseId = detail.id;
  section.dataset.version = String(detail.version);
  const forms = applicableActions(detail).map((action) => {
    const form = element(
      'form',
      { 'data-action': action, novalidate: true },
      element('h3', { text: t.actions[action] }),
      ...FORMS[action].map((spec) => field(action, spec)),
      element('button', { type: 'submit', text: t.submit }),
      element('p', { class: 'form-status', role: 'status' }),
    ) as HTMLFormElement;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void post(section, detail, action, form);
    });
    return element('details', {}, element('summary', { text: t.actions[action] }), form);
  });
  section.replaceChildren(element('h2', { text: t.heading }), ...forms);
}

document.addEventListener('workbench:case', (event) =>
  render(caseDetailOf((event as CustomEvent<CasePageJson>).detail)),
);
