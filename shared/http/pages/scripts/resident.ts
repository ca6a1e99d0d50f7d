/** The report form's module (/assets/resident.js): grid search, the phone's position, problem+json errors. */
export const RESIDENT_JS = `
import { api, el, localPath, t } from '__COMMON__';

const form = document.getElementById('report');
const summary = document.getElementById('summary');
const gridSelect = document.getElementById('grid');
const gridSearch = document.getElementById('grid-search');
const gridStatus = document.getElementById('grid-status');
const locateStatus = document.getElementById('locate-status');
let grids = [];
let gridsLoading = null;
let position = null;
// One key per filled-in form: a double tap or a retry after a lost answer files the report once.
let idempotencyKey = crypto.randomUUID();

function where() {
  return form.elements.where.value;
}

function showWhere() {
  for (const part of form.querySelectorAll('[data-where]')) part.hidden = part.dataset.where !== where();
  if (where() === 'grid') loadGrids();
}

function renderGrids() {
  const query = gridSearch.value.trim().toLowerCase();
  const chosen = gridSelect.value;
  const matches = grids.filter((grid) =>
    !query || [grid.id, grid.name, ...grid.addresses].some((text) => text.toLowerCase().includes(query)));
  gridSelect.replaceChildren(...matches.slice(0, 200).map((grid) =>
    el('option', { value: grid.id, selected: grid.id === chosen, text: grid.name + ' (' + grid.id + ')' })));
  gridStatus.textContent = t.gridCount.replace('{}', String(matches.length));
}

// Pages of /grids follow the 'next' cursor; the list fills in as they arrive.
function loadGrids() {
  gridsLoading ??= (async () => {
    let cursor = null;
    do {
      const response = await api('GET', '/grids?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      if (response.status !== 200) { gridStatus.textContent = t.gridsFailed; gridsLoading = null; return; }
      grids = grids.concat(response.body.items);
      cursor = response.body.next;
      renderGrids();
    } while (cursor);
  })();
}

document.getElementById('locate').addEventListener('click', () => {
  if (!navigator.geolocation) { locateStatus.textContent = t.noGeolocation; return; }
  locateStatus.textContent = t.locating;
  navigator.geolocation.getCurrentPosition(
    (found) => {
      position = { lat: found.coords.latitude, lng: found.coords.longitude };
      locateStatus.textContent = t.located.replace('{}', position.lat.toFixed(5) + ', ' + position.lng.toFixed(5));
    },
    () => { position = null; locateStatus.textContent = t.locateFailed; },
    { enableHighAccuracy: true, timeout: 15000 },
  );
});

function location() {
  if (where() === 'grid') return gridSelect.value ? { gridId: gridSelect.value } : {};
  if (where() === 'address') return { address: form.elements.address.value };
  return position ?? {};
}

function report() {
  const body = { category: form.elements.category.value, description: form.elements.description.value, location: location() };
  const reporter = {};
  for (const name of ['name', 'phone', 'email']) if (form.elements[name].value.trim()) reporter[name] = form.elements[name].value.trim();
  if (Object.keys(reporter).length > 0) body.reporter = reporter;
  if (form.elements.anonymous.checked) body.anonymous = true;
  return body;
}

// An API field path names the control that shows its message.
function fieldOf(path) {
  if (path.startsWith('location')) return 'location';
  if (path.startsWith('reporter.')) return path.slice('reporter.'.length);
  return path;
}

function clearErrors() {
  summary.hidden = true;
  summary.replaceChildren();
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of form.querySelectorAll('.error')) node.textContent = '';
}

function showErrors(problem) {
  const items = [];
  for (const error of (problem && problem.errors) || []) {
    const field = fieldOf(error.path);
    const slot = document.getElementById(field + '-error');
    const label = t.fields[field];
    if (!slot || !label) { items.push(el('li', { text: error.message })); continue; }
    // Validation messages are the API's (English, technical); a field's own wording reads better.
    let message = error.message;
    if (problem.type === 'urn:problem:gridwork:validation' && t.invalid[field]) message = t.invalid[field];
    if (problem.type === 'urn:problem:gridwork:location-not-found') message = t.placeUnknown + ' (' + error.message + ')';
    slot.textContent = message;
    const control = document.getElementById(field === 'location' ? 'location' : field);
    if (control) control.setAttribute('aria-invalid', 'true');
    items.push(el('li', {}, el('a', { href: '#' + field, text: label + t.colon + message })));
  }
  const heading = el('p', { text: problem && problem.errors ? t.fixFields : (problem && problem.detail) || t.failed });
  summary.replaceChildren(heading, items.length ? el('ul', {}, ...items) : '');
  summary.hidden = false;
  summary.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  button.textContent = t.sending;
  const response = await api('POST', '/issues', report(), { 'idempotency-key': idempotencyKey });
  button.disabled = false;
  button.textContent = t.submit;
  if (response.status === 201) {
    localStorage.setItem('gridwork.tracking.' + response.body.id, response.body.trackingToken);
    window.location.assign(localPath('/track/' + encodeURIComponent(response.body.id)));
    return;
  }
  if (response.status === 422) idempotencyKey = crypto.randomUUID();
  showErrors(response.status === 0 ? { detail: t.offline } : response.body);
});

// A corrected field loses its error at once.
form.addEventListener('input', (event) => {
  const field = event.target.closest('fieldset#location') ? 'location' : event.target.id;
  const slot = document.getElementById(field + '-error');
  if (!slot) return;
  slot.textContent = '';
  document.getElementById(field)?.removeAttribute('aria-invalid');
});
for (const radio of form.elements.where) radio.addEventListener('change', showWhere);
gridSearch.addEventListener('input', renderGrids);
document.getElementById('script-needed').hidden = true;
form.hidden = false;
showWhere();
`;
