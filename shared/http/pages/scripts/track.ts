/** The tracking page's module (/assets/track.js): status and timeline, then the 好差评 rating with the tracking token. */
export const TRACK_JS = `
import { api, data, el, formatTime, t, timeLeft } from '__COMMON__';

const id = data.id;
const storageKey = 'gridwork.tracking.' + id;
const status = document.getElementById('status');
const details = document.getElementById('details');
const timeline = document.getElementById('timeline');
const ratingForm = document.getElementById('rating');
const ratingNote = document.getElementById('rating-note');
const ratingError = document.getElementById('rating-error');
let timer = null;

// The rating message carries the token in the fragment (never sent to a server); keep it and drop it from the URL.
const fromFragment = new URLSearchParams(window.location.hash.slice(1)).get('token');
if (fromFragment) {
  localStorage.setItem(storageKey, fromFragment);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}
const token = () => localStorage.getItem(storageKey);

function describe(event) {
  const who = (person) => (person ? person.name : '');
  const level = (value) => t.levels[value] || value || '';
  switch (event.type) {
    case 'submitted': return t.events.submitted.replace('{}', event.to || '');
    case 'assigned': return t.events.assigned.replace('{}', level(event.level) + ' ' + who(event.assignee));
    case 'accepted': return t.events.accepted.replace('{}', who(event.by));
    case 'declined': return t.events.declined.replace('{}', who(event.by));
    case 'escalated': return t.events.escalated.replace('{}', level(event.to)) + (event.reason === 'deadline' ? t.events.byDeadline : '');
    case 'reassigned': return t.events.reassigned.replace('{}', event.to || '');
    case 'resolved': return t.events.resolved.replace('{}', who(event.by)) + (event.note ? t.colon + event.note : '');
    case 'rated': return t.events.rated.replace('{}', t.scores[event.score] || String(event.score));
    case 'reopened': return t.events.reopened.replace('{}', level(event.level));
    case 'closed': return t.events.closed.replace('{}', t.outcomes[event.outcome] || event.outcome || '');
    default: return event.type;
  }
}

function awaitingRating(issue) {
  if (issue.status !== 'resolved') return false;
  const last = (type) => issue.timeline.map((event) => event.type).lastIndexOf(type);
  return last('resolved') > last('rated');
}

function render(issue) {
  status.replaceChildren(el('span', { class: 'badge', text: t.statuses[issue.status] || issue.status }),
    issue.overdue ? el('span', { class: 'badge late', text: ' ' + t.overdue }) : '');
  const rows = [[t.caseId, issue.id], [t.category, t.categories[issue.category] || issue.category], [t.level, t.levels[issue.level]]];
  if (issue.assignee) rows.push([t.holder, issue.assignee.name + ' (' + (t.roles[issue.assignee.role] || '') + ')']);
  if (issue.deadline) rows.push([t.deadline, formatTime(issue.deadline) + ' · ' + timeLeft(issue.deadline)]);
  if (issue.rating) rows.push([t.rating, t.scores[issue.rating.score]]);
  details.replaceChildren(...rows.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })]));
  timeline.replaceChildren(...issue.timeline.slice().reverse().map((event) =>
    el('li', {}, el('time', { datetime: event.at, text: formatTime(event.at) }), ' ' + describe(event))));
  const canRate = awaitingRating(issue);
  ratingForm.hidden = !canRate || !token();
  ratingNote.hidden = !canRate || Boolean(token());
}

async function load() {
  clearTimeout(timer);
  const response = await api('GET', '/issues/' + encodeURIComponent(id), undefined, token() ? { authorization: 'Bearer ' + token() } : undefined);
  if (response.status === 404) { status.textContent = t.notFound; return; }
  if (response.status === 200) {
    render(response.body);
    if (response.body.status === 'closed') return;
  }
  // Follow the case while the page is open; a tab shown again refreshes at once.
  timer = setTimeout(load, 5000);
}

ratingForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  ratingError.textContent = '';
  const score = ratingForm.elements.score.value;
  if (!score) { ratingError.textContent = t.chooseScore; ratingForm.querySelector('input[name=score]').focus(); return; }
  const body = { score: Number(score) };
  const comment = ratingForm.elements.comment.value.trim();
  if (comment) body.comment = comment;
  const response = await api('POST', '/issues/' + encodeURIComponent(id) + '/rating', body, { authorization: 'Bearer ' + token() });
  if (response.status === 200) {
    ratingForm.hidden = true;
    document.getElementById('thanks').hidden = false;
    void load();
    return;
  }
  const problem = response.body || {};
  ratingError.textContent = (problem.errors || []).map((error) => error.path + t.colon + error.message).join('; ') || problem.detail || t.failed;
});

document.addEventListener('visibilitychange', () => { if (!document.hidden) void load(); });
void load();
`;
