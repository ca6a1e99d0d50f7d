// The workbench's case page: the case, who holds it, its tasks and its whole timeline. The action forms are
// another module's: this one leaves them an empty section and announces the case it rendered.
import { el, formatTime, timeLeft } from './common.ts';
import { describeEvent, type TimelineStrings } from './timeline-text.ts';
import type { Person, TimelineEvent } from './track-types.ts';
import type { ListStrings } from './workbench-list.ts';

export interface CaseStrings extends ListStrings, TimelineStrings {
  readonly back: string;
  readonly categoryCol: string;
  readonly sourceCol: string;
  readonly reporter: string;
  readonly masked: string;
  readonly units: string;
  readonly heldBy: string;
  readonly yours: string;
  readonly task: string;
  readonly pastTasks: string;
  readonly timeline: string;
  readonly deadline: string;
  readonly resolveBy: string;
  readonly taskKinds: Readonly<Record<string, string>>;
  readonly taskStatuses: Readonly<Record<string, string>>;
}

interface Named {
  readonly id: string;
  readonly name: string;
}

interface TaskView {
  readonly seq: number;
  readonly kind: string;
  readonly level: string;
  readonly assignee: Person & { readonly id: string };
  readonly deadline: string;
  readonly status: string;
  readonly department?: { readonly name?: string };
}

/** GET /workbench/api/cases/{caseId}, the parts this page shows. */
export interface CaseView {
  readonly case: {
    readonly id: string;
    readonly caseNumber: string | null;
    readonly category: string;
    readonly description: string;
    readonly status: string;
    readonly level: string;
    readonly source?: string;
    readonly overdue?: boolean;
    readonly resolveDeadline?: string | null;
    readonly location: { readonly address?: string };
    readonly reporter?: { readonly name?: string; readonly phone?: string; readonly masked: boolean };
  };
  readonly units: Readonly<Record<'grid' | 'community' | 'street' | 'district', Named>>;
  readonly holder: {
    readonly level: string;
    readonly assignee?: Person;
    readonly department?: { readonly name?: string };
    readonly yours: boolean;
  };
  readonly task?: TaskView;
  readonly pastTasks: readonly { readonly seq: number; readonly status: string }[];
  readonly timeline: readonly TimelineEvent[];
  readonly version: number;
}

const personText = (t: CaseStrings, person: Person | undefined) =>
  person ? [person.name, t.roles[person.role ?? ''] ?? person.role].filter(Boolean).join(' · ') : '';

function holderText(t: CaseStrings, view: CaseView): string {
  const { holder } = view;
  const who = [
    t.levelTitles[holder.level] ?? holder.level,
    holder.department?.name,
    personText(t, holder.assignee),
  ];
  return who.filter(Boolean).join(' · ') + (holder.yours ? ` ${t.yours}` : '');
}

function details(t: CaseStrings, view: CaseView): HTMLElement {
  const issue = view.case;
  const units = [view.units.grid, view.units.community, view.units.street, view.units.district];
  const rows: [string, Node | string][] = [
    [t.statusCol, `${t.statuses[issue.status] ?? issue.status}${issue.overdue ? ` · ${t.overdue}` : ''}`],
    [t.categoryCol, t.categories[issue.category] ?? issue.category],
    [t.addressCol, issue.location.address ?? '–'],
    [t.units, units.map((unit) => unit.name).join(' · ')],
    [t.heldBy, holderText(t, view)],
  ];
  if (issue.source) rows.push([t.sourceCol, t.sources[issue.source] ?? issue.source]);
  if (issue.resolveDeadline) rows.push([t.resolveBy, formatTime(issue.resolveDeadline)]);
  const reporter = issue.reporter;
  if (reporter) {
    rows.push([
      t.reporter,
      el(
        'span',
        {},
        reporter.name ? `${reporter.name} ` : '',
        el('span', {
          id: 'reporter-phone',
          'data-masked': String(reporter.masked),
          text: reporter.phone ?? '',
        }),
        reporter.masked ? el('span', { class: 'hint', text: ` ${t.masked}` }) : '',
      ),
    ]);
  }
  return el('dl', {}, ...rows.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', {}, value)]));
}

function tasks(t: CaseStrings, view: CaseView): (HTMLElement | string)[] {
  const open = view.task;
  const openTask = open
    ? el(
        'p',
        { id: 'task' },
        `${t.taskKinds[open.kind] ?? open.kind} · ${t.levelTitles[open.level] ?? open.level} · `,
        [open.department?.name, personText(t, open.assignee)].filter(Boolean).join(' · '),
        ` · ${t.deadline}${t.colon}${formatTime(open.deadline)} (${timeLeft(open.deadline)})`,
      )
    : '';
  const past = view.pastTasks.length
    ? el(
        'p',
        { class: 'hint' },
        `${t.pastTasks}${t.colon}`,
        view.pastTasks.map((task) => `#${task.seq} ${t.taskStatuses[task.status] ?? task.status}`).join('，'),
      )
    : '';
  return open ? [el('h2', { text: t.task }), openTask, past] : [past];
}

/**
 * Renders the case page into `section`, then tells the page's other modules which case (and which version of
 * it) is on screen through a `workbench:case` event carrying the case page's JSON.
 */
/** Where the workbench keeps the signed-in supervisor's token (sessionStorage). */
export const WORKBENCH_TOKEN_KEY = 'gridwork.workbench.token';

export function renderCase(t: CaseStrings, section: HTMLElement, view: CaseView): void {
  const issue = view.case;
  const gridName = (id: string | undefined) =>
    id === view.units.grid.id ? view.units.grid.name : (id ?? '');
  section.replaceChildren(
    el('p', {}, el('a', { href: '#', id: 'back', text: t.back })),
    el('h1', { text: issue.caseNumber ?? issue.id }),
    el('p', { text: issue.description }),
    details(t, view),
    ...tasks(t, view),
    el('section', {
      id: 'case-actions',
      'data-case-id': issue.id,
      'data-version': String(view.version),
      // Where the action forms find the signed-in supervisor's token.
      'data-token-key': WORKBENCH_TOKEN_KEY,
    }),
    el('h2', { text: t.timeline }),
    el(
      'ol',
      { class: 'timeline', id: 'timeline' },
      ...view.timeline.map((event) =>
        el(
          'li',
          {},
          el('time', { datetime: event.at, text: formatTime(event.at) }),
          ` ${describeEvent(t, event, gridName)}`,
        ),
      ),
    ),
  );
  document.dispatchEvent(new CustomEvent('workbench:case', { detail: view }));
}
