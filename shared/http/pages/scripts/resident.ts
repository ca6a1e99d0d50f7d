// The report form's module (/assets/resident.js): address suggestions, the phone's position, the grid list as
// the last resort, problem+json errors.
import { api, byId, data, eachGridPage, el, type Grid, localPath, type Problem } from './common.ts';
import { type PhotoStrings, photoProblem, uploadPhotos } from './photos.ts';
import { type ReportErrorStrings, reportErrors } from './report-errors.ts';

interface ResidentStrings extends ReportErrorStrings {
  readonly submit: string;
  readonly sending: string;
  readonly gridCount: string;
  readonly gridsFailed: string;
  readonly noGeolocation: string;
  readonly locating: string;
  readonly located: string;
  readonly locateFailed: string;
  readonly colon: string;
  readonly suggestCount: string;
  readonly suggestMore: string;
  readonly suggestNone: string;
}

/** A registered address as GET /addresses (and an ambiguous address's problem) names it. */
interface Place {
  readonly address: string;
  readonly gridName: string;
  readonly communityName: string;
}

interface Reported {
  readonly id: string;
  readonly trackingToken: string;
}

type Location = { gridId?: string } | { address: string } | { lat: number; lng: number };

const t = data.t as ResidentStrings;
const photoText = data.photos as PhotoStrings;
const photoInput = byId<HTMLInputElement>('photos');
const photoError = byId('photos-error');
const form = byId<HTMLFormElement>('report');
const summary = byId('summary');
const gridSelect = byId<HTMLSelectElement>('grid');
const gridSearch = byId<HTMLInputElement>('grid-search');
const gridStatus = byId('grid-status');
const locateStatus = byId('locate-status');
const addressInput = byId<HTMLInputElement>('address');
const suggestions = byId<HTMLUListElement>('address-suggestions');
const addressStatus = byId('address-status');
let suggestTimer: ReturnType<typeof setTimeout> | undefined;
/** Only the answer to the latest keystroke is shown; an earlier one arriving late is dropped. */
let suggestRound = 0;
let grids: Grid[] = [];
let gridsRequested = false;
let position: { lat: number; lng: number } | null = null;
// One key per filled-in form: a double tap or a retry after a lost answer files the report once.
let idempotencyKey = crypto.randomUUID();

const fieldValue = (name: string): string =>
  (form.elements.namedItem(name) as { value: string } | null)?.value ?? '';
const where = () => fieldValue('where');

function showWhere(): void {
  for (const part of form.querySelectorAll<HTMLElement>('[data-where]')) {
    part.hidden = part.dataset.where !== where();
  }
  if (where() === 'grid') loadGrids();
}

function showPlaces(places: readonly Place[], status: string): void {
  suggestions.replaceChildren(
    ...places.map((place) =>
      el(
        'li',
        { role: 'option' },
        el(
          'button',
          { type: 'button', 'data-address': place.address },
          place.address,
          el('small', { text: `${place.gridName} · ${place.communityName}` }),
        ),
      ),
    ),
  );
  suggestions.hidden = places.length === 0;
  addressInput.setAttribute('aria-expanded', String(places.length > 0));
  addressStatus.textContent = status;
}

async function suggest(): Promise<void> {
  const typed = addressInput.value.trim();
  const round = ++suggestRound;
  if ([...typed].length < 2) return showPlaces([], '');
  const response = await api<{ items: Place[]; more: boolean }>(
    'GET',
    `/addresses?q=${encodeURIComponent(typed)}`,
  );
  if (round !== suggestRound || response.status !== 200 || !response.body) return;
  const { items, more } = response.body;
  // A picked (or fully typed) address needs no list under it.
  if (items.length === 1 && items[0]?.address === typed) return showPlaces([], '');
  showPlaces(
    items,
    items.length === 0
      ? t.suggestNone
      : more
        ? t.suggestMore
        : t.suggestCount.replace('{}', String(items.length)),
  );
}

function renderGrids(): void {
  const query = gridSearch.value.trim().toLowerCase();
  const chosen = gridSelect.value;
  const matches = grids.filter(
    (grid) =>
      !query || [grid.id, grid.name, ...grid.addresses].some((text) => text.toLowerCase().includes(query)),
  );
  gridSelect.replaceChildren(
    ...matches.slice(0, 200).map((grid) =>
      el('option', {
        value: grid.id,
        selected: grid.id === chosen,
        text: grid.communityName ? `${grid.name} · ${grid.communityName}` : grid.name,
      }),
    ),
  );
  gridStatus.textContent = t.gridCount.replace('{}', String(matches.length));
}

// The list fills in as the pages of /grids arrive; a failed load may be tried again.
function loadGrids(): void {
  if (gridsRequested) return;
  gridsRequested = true;
  void eachGridPage((items) => {
    grids = grids.concat(items);
    renderGrids();
  }).then((complete) => {
    if (complete) return;
    gridStatus.textContent = t.gridsFailed;
    gridsRequested = false;
  });
}

byId('locate').addEventListener('click', () => {
  if (!navigator.geolocation) {
    locateStatus.textContent = t.noGeolocation;
    return;
  }
  locateStatus.textContent = t.locating;
  navigator.geolocation.getCurrentPosition(
    (found) => {
      const here = { lat: found.coords.latitude, lng: found.coords.longitude };
      position = here;
      locateStatus.textContent = t.located.replace('{}', `${here.lat.toFixed(5)}, ${here.lng.toFixed(5)}`);
    },
    () => {
      position = null;
      locateStatus.textContent = t.locateFailed;
    },
    { enableHighAccuracy: true, timeout: 15000 },
  );
});

function location(): Location {
  if (where() === 'grid') return gridSelect.value ? { gridId: gridSelect.value } : {};
  if (where() === 'address') return { address: fieldValue('address') };
  return position ?? {};
}

function report(): Record<string, unknown> {
  const body: Record<string, unknown> = {
    category: fieldValue('category'),
    description: fieldValue('description'),
    location: location(),
  };
  const reporter: Record<string, string> = {};
  for (const name of ['name', 'phone', 'email'])
    if (fieldValue(name).trim()) reporter[name] = fieldValue(name).trim();
  if (Object.keys(reporter).length > 0) body.reporter = reporter;
  if ((form.elements.namedItem('anonymous') as HTMLInputElement).checked) body.anonymous = true;
  return body;
}

function clearErrors(): void {
  summary.hidden = true;
  summary.replaceChildren();
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of form.querySelectorAll('.error')) node.textContent = '';
}

function showErrors(status: number, problem: Problem | null): void {
  const shown = reportErrors(status, problem, t);
  const items = shown.fields.map(({ field, message }) => {
    if (!field) return el('li', { text: message });
    const slot = byId(`${field}-error`);
    slot.textContent = message;
    document.getElementById(field)?.setAttribute('aria-invalid', 'true');
    return el('li', {}, el('a', { href: `#${field}`, text: t.fields[field] + t.colon + message }));
  });
  summary.replaceChildren(el('p', { text: shown.heading }), items.length ? el('ul', {}, ...items) : '');
  summary.hidden = false;
  summary.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (!button) return;
  const files = [...(photoInput.files ?? [])];
  photoError.textContent = photoProblem(files, photoText);
  if (photoError.textContent) {
    photoInput.focus();
    return;
  }
  button.disabled = true;
  button.textContent = t.sending;
  const response = await api<Reported & Problem>('POST', '/issues', report(), {
    'idempotency-key': idempotencyKey,
  });
  button.disabled = false;
  button.textContent = t.submit;
  if (response.status === 201 && response.body) {
    const { id, trackingToken } = response.body;
    localStorage.setItem(`gridwork.tracking.${id}`, trackingToken);
    const track = localPath(`/track/${encodeURIComponent(id)}`);
    // The report is taken; photos follow it, each on its own, so one that fails costs only itself.
    button.disabled = true;
    const failed = await uploadPhotos(
      `/issues/${encodeURIComponent(id)}`,
      { authorization: `Bearer ${trackingToken}` },
      files,
      'report',
      (index) => {
        button.textContent = photoText.uploading.replace('{}', String(index));
      },
    );
    if (failed.length === 0) {
      window.location.assign(track);
      return;
    }
    photoError.replaceChildren(
      photoText.failed.replace('{}', failed.join(', ')),
      ' ',
      el('a', { href: track, text: id }),
    );
    button.textContent = t.submit;
    return;
  }
  if (response.status === 422) idempotencyKey = crypto.randomUUID();
  showErrors(response.status, response.body);
  // An address of several grids: its candidates become the suggestions to pick from.
  const candidates = (response.body as { candidates?: unknown } | null)?.candidates;
  if (Array.isArray(candidates)) showPlaces(candidates as Place[], '');
});

// A corrected field loses its error at once.
form.addEventListener('input', (event) => {
  const target = event.target as HTMLElement;
  const field = target.closest('fieldset#location') ? 'location' : target.id;
  const slot = document.getElementById(`${field}-error`);
  if (!slot) return;
  slot.textContent = '';
  document.getElementById(field)?.removeAttribute('aria-invalid');
});
for (const radio of form.elements.namedItem('where') as RadioNodeList) {
  radio.addEventListener('change', showWhere);
}
gridSearch.addEventListener('input', renderGrids);
// Debounced: a suggestion request per pause in typing, not per key.
addressInput.addEventListener('input', () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(() => void suggest(), 250);
});
suggestions.addEventListener('click', (event) => {
  const picked = (event.target as HTMLElement).closest('button');
  if (!picked) return;
  addressInput.value = picked.dataset.address ?? '';
  showPlaces([], '');
  addressInput.focus();
});
byId('script-needed').hidden = true;
form.hidden = false;
showWhere();
