// The supervisors' workbench module (/assets/workbench.js): sign-in, the case list and the case page
// (`#case=<id>`), every read through /workbench/api with the signed-in supervisor's token.
import { byId, data, el, type Problem } from './common.ts';
import { type SignInStrings, session, Unauthorized } from './sign-in.ts';
import { type CaseStrings, type CaseView, renderCase, WORKBENCH_TOKEN_KEY } from './workbench-case.ts';
import { type ExportStrings, exportCases } from './workbench-export.ts';
import { type CasePage, caseRows, caseTable } from './workbench-list.ts';
import { exportQuery, listQuery } from './workbench-query.ts';

interface WorkbenchStrings extends SignInStrings, CaseStrings, ExportStrings {
  readonly notFound: string;
}

const t = data.t as WorkbenchStrings;
const list = byId('list');
const caseSection = byId('case');
const filters = byId<HTMLFormElement>('filters');
const results = byId('results');
const more = byId<HTMLButtonElement>('more');
const filterError = byId('filter-error');
const exportStatus = byId('export-status');
const exportButton = byId<HTMLButtonElement>('export');
/** The query of the list on screen and the cursor of its next page. */
let current = new URLSearchParams();
let next: string | undefined;
let listed = false;

/** The filter form's values by field name. */
const formValues = () =>
  Object.fromEntries([...new FormData(filters)].map(([name, value]) => [name, String(value)]));

const signIn = session(t, WORKBENCH_TOKEN_KEY, () => void show());

function showOnly(shown: HTMLElement | null): void {
  list.hidden = shown !== list;
  caseSection.hidden = shown !== caseSection;
}

/** What a refused list request says: the fields the API named, in the page's words around them. */
function refusal(status: number, body: Problem | null): string {
  if (status === 422 && body?.errors?.length) {
    return t.badFilter.replace('{}', body.errors.map((error) => error.path).join(', '));
  }
  return t.failed;
}

async function loadPage(append: boolean): Promise<void> {
  const query = new URLSearchParams(current);
  if (append && next) query.set('after', next);
  const response = await signIn.get<CasePage & Problem>(`/workbench/api/cases?${query}`);
  if (response.status !== 200 || !response.body) {
    filterError.textContent = refusal(response.status, response.body);
    return;
  }
  filterError.textContent = '';
  const page = response.body;
  next = page.next;
  more.hidden = !next;
  const body = results.querySelector('tbody');
  if (append && body) body.append(...caseRows(t, page.cases));
  else results.replaceChildren(caseTable(t, page.cases));
  const shown = results.querySelectorAll('tbody tr').length;
  if (shown === 0 && !next) results.replaceChildren(el('p', { id: 'no-cases', text: t.none }));
}

async function showCase(caseId: string): Promise<void> {
  const response = await signIn.get<CaseView>(`/workbench/api/cases/${encodeURIComponent(caseId)}`);
  if (response.status !== 200 || !response.body) {
    caseSection.replaceChildren(el('p', { class: 'error', role: 'alert', text: t.notFound }));
  } else {
    renderCase(t, caseSection, response.body);
  }
  showOnly(caseSection);
}

async function show(): Promise<void> {
  // Without a token every call is a 401: the forms ask for one first, and the console stays clean.
  if (!signIn.signedIn()) {
    showOnly(null);
    signIn.showForms(true);
    return;
  }
  try {
    const caseId = new URLSearchParams(window.location.hash.slice(1)).get('case');
    if (caseId) await showCase(caseId);
    else {
      // Back from a case page, the list stays as it was (its filters and the pages loaded).
      if (!listed) await loadPage(false);
      listed = true;
      showOnly(list);
    }
    signIn.showForms(false);
  } catch (error) {
    showOnly(null);
    signIn.showForms(true, error instanceof Unauthorized ? error.message : t.failed);
  }
}

filters.addEventListener('submit', (event) => {
  event.preventDefault();
  current = listQuery(formValues());
  next = undefined;
  void loadPage(false).catch(() => void show());
});
more.addEventListener('click', () => void loadPage(true).catch(() => void show()));
exportButton.addEventListener('click', () => {
  // One export at a time from this page: the button waits for the file.
  exportButton.disabled = true;
  const say = (text: string, failed = false) => {
    exportStatus.textContent = text;
    exportStatus.classList.toggle('error', failed);
  };
  void exportCases(t, exportQuery(listQuery(formValues())), signIn.authorization(), say)
    .catch(() => say(t.exportFailed, true))
    .finally(() => {
      exportButton.disabled = false;
    });
});
window.addEventListener('hashchange', () => void show());
// After an action the case is shown again: its new version, holder and timeline.
document.addEventListener('workbench:acted', (event) => {
  const { caseId } = (event as CustomEvent<{ caseId: string }>).detail;
  void showCase(caseId).catch(() => void show());
});
void show();
