// The tracking page's module (/assets/track.js): status and timeline, then the 好差评 rating with the tracking
// token.
import { api, byId, data, el, formatTime, type Problem, timeLeft } from './common.ts';
import { type PhotoStrings, photoList } from './photos.ts';
import { describeEvent } from './timeline-text.ts';
import type { PublicIssue, TimelineEvent, TrackStrings } from './track-types.ts';

const t = data.t as TrackStrings;
const id = data.id ?? '';
const storageKey = `gridwork.tracking.${id}`;
const status = byId('status');
const details = byId('details');
const timeline = byId('timeline');
const ratingForm = byId<HTMLFormElement>('rating');
const ratingNote = byId('rating-note');
const ratingError = byId('rating-error');
const caseNumber = byId('case-number');
const rateHow = byId('rate-how');
const photoSection = byId('photos');
let timer: ReturnType<typeof setTimeout> | undefined;
let gridNames: Readonly<Record<string, string>> = {};
/** The status a rating just led to, shown until the case itself has moved on from `resolved`. */
let rated: string | undefined;

// The rating message carries the token in the fragment (never sent to a server); keep it and drop it from the URL.
const fromFragment = new URLSearchParams(window.location.hash.slice(1)).get('token');
if (fromFragment) {
  localStorage.setItem(storageKey, fromFragment);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}
const token = () => localStorage.getItem(storageKey);

const gridName = (id: string | undefined) => (id ? (gridNames[id] ?? id) : '');

const describe = (event: TimelineEvent) => describeEvent(t, event, gridName);

function awaitingRating(issue: PublicIssue): boolean {
  if (issue.status !== 'resolved') return false;
  const last = (type: string) => issue.timeline.map((event) => event.type).lastIndexOf(type);
  return last('resolved') > last('rated');
}

/** The case's resolve deadline as a China-time date and what is left of it on the case's own clock. */
function caseDeadline(iso: string, left: PublicIssue['timeLeft']): string {
  const wording = left ? t.caseLeft[left.basis]?.[left.unit] : undefined;
  return wording && left
    ? `${formatTime(iso)} · ${wording.replace('{}', String(left.amount))}`
    : formatTime(iso);
}

function render(issue: PublicIssue): void {
  gridNames = issue.gridNames;
  if (issue.status !== 'resolved') rated = undefined;
  const shown = rated ?? issue.status;
  const number = issue.caseNumber ?? issue.id;
  caseNumber.replaceChildren(
    `${t.caseId}${t.colon}`,
    el('strong', { text: number }),
    el('span', { class: 'hint', text: ` ${t.caseNumberNote}` }),
  );
  status.replaceChildren(
    el('span', { class: 'badge', text: t.statuses[shown] ?? shown }),
    issue.overdue ? el('span', { class: 'badge late', text: ` ${t.overdue}` }) : '',
  );
  const place = [issue.gridName ?? issue.gridId, issue.communityName].filter(Boolean).join(' · ');
  const rows: [string, string][] = [
    [t.category, t.categories[issue.category] ?? issue.category],
    ...(issue.description ? ([[t.description, issue.description]] as [string, string][]) : []),
    [t.grid, place],
    [t.level, t.levelTitles[issue.level] ?? issue.level],
  ];
  if (issue.assignee) {
    rows.push([t.holder, `${issue.assignee.name} (${t.roles[issue.assignee.role ?? ''] ?? ''})`]);
  }
  // The case's resolve deadline is what residents wait for; a task's own deadline (a worker's time to accept) only
  // shows before the case has one, so it is never misread as the time the case will take.
  if (issue.resolveDeadline) rows.push([t.resolveBy, caseDeadline(issue.resolveDeadline, issue.timeLeft)]);
  else if (issue.deadline)
    rows.push([t.deadline, `${formatTime(issue.deadline)} · ${timeLeft(issue.deadline)}`]);
  const outcome = issue.resolution?.outcome;
  if (outcome) rows.push([t.result, t.caseOutcomes[outcome] ?? outcome]);
  if (issue.rating) rows.push([t.rating, t.scores[String(issue.rating.score)] ?? '']);
  details.replaceChildren(
    ...rows.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })]),
  );
  timeline.replaceChildren(
    ...issue.timeline
      .slice()
      .reverse()
      .map((event) =>
        el('li', {}, el('time', { datetime: event.at, text: formatTime(event.at) }), ` ${describe(event)}`),
      ),
  );
  // Only when the set changes: each load signs new URLs, and swapping them would reload every image.
  const photos = issue.photos ?? [];
  const photoIds = photos.map((photo) => photo.id).join();
  if (photoSection.dataset.ids !== photoIds) {
    photoSection.dataset.ids = photoIds;
    const photoText = data.photos as PhotoStrings;
    photoSection.replaceChildren(
      ...(photos.length ? [el('h2', { text: photoText.heading }), photoList(photos, photoText)] : []),
    );
  }
  const canRate = awaitingRating(issue) && rated === undefined;
  ratingForm.hidden = !canRate || !token();
  ratingNote.hidden = !canRate || Boolean(token());
  // Said before the rating is due, so the resident keeps the phone or the message that can rate.
  rateHow.hidden = issue.status === 'closed' || issue.status === 'resolved' || Boolean(issue.rating);
}

async function load(): Promise<void> {
  clearTimeout(timer);
  // The tracking token shows the resident the notes of their own case; the public view has none.
  const saved = token();
  const response = await api<PublicIssue>(
    'GET',
    `/issues/${encodeURIComponent(id)}`,
    undefined,
    saved ? { authorization: `Bearer ${saved}` } : {},
  );
  if (response.status === 404) {
    status.textContent = t.notFound;
    return;
  }
  if (response.status === 200 && response.body) {
    render(response.body);
    if (response.body.status === 'closed') return;
  }
  // Follow the case while the page is open (closely while a rating is being applied); a tab shown again
  // refreshes at once.
  timer = setTimeout(load, rated ? 1000 : 5000);
}

ratingForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  ratingError.textContent = '';
  const score = (ratingForm.elements.namedItem('score') as RadioNodeList).value;
  if (!score) {
    ratingError.textContent = t.chooseScore;
    ratingForm.querySelector<HTMLInputElement>('input[name=score]')?.focus();
    return;
  }
  const body: { score: number; comment?: string } = { score: Number(score) };
  const comment = (ratingForm.elements.namedItem('comment') as HTMLTextAreaElement).value.trim();
  if (comment) body.comment = comment;
  const response = await api<Problem & { status?: string }>(
    'POST',
    `/issues/${encodeURIComponent(id)}/rating`,
    body,
    { authorization: `Bearer ${token()}` },
  );
  if (response.status === 200) {
    ratingForm.hidden = true;
    byId('thanks').hidden = false;
    // The answer says where the case goes; the badge shows it now rather than a stale "awaiting rating".
    rated = typeof response.body?.status === 'string' ? response.body.status : undefined;
    if (rated) status.querySelector('.badge')?.replaceChildren(t.statuses[rated] ?? rated);
    void load();
    return;
  }
  // The page's own words: the API's detail and field messages are English whatever the page's language.
  const commentRefused = response.body?.errors?.some((error) => error.path === 'comment');
  ratingError.textContent =
    response.status === 401 || response.status === 403
      ? t.notYours
      : response.status === 409
        ? t.alreadyRated
        : commentRefused
          ? t.commentInvalid
          : t.failed;
});

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) void load();
});
void load();
