// The approval-link page's module (/assets/task.js). The page works without it (plain forms that POST); it only
// keeps the time left current and offers the grids in the reassignment field and the departments in the transfer
// field.
import { data, eachGridPage, el, timeLeft } from './common.ts';
import { type PhotoStrings, photoProblem, uploadPhotos } from './photos.ts';

const left = document.getElementById('time-left');
if (left) {
  const deadline = left.dataset.deadline ?? '';
  setInterval(() => {
    left.textContent = timeLeft(deadline);
  }, 30000);
}

// The worker's before/after photos: uploaded to the bucket, attached through the link, then the page reloads
// to show them.
const photoForm = document.getElementById('photo-form') as HTMLFormElement | null;
if (photoForm) {
  const photoText = data.photos as PhotoStrings;
  const input = photoForm.querySelector<HTMLInputElement>('#photos');
  const error = document.getElementById('photos-error');
  const button = photoForm.querySelector<HTMLButtonElement>('button');
  photoForm.hidden = false;
  photoForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const files = [...(input?.files ?? [])];
    const kind = (photoForm.elements.namedItem('kind') as HTMLSelectElement).value;
    const problem = photoProblem(files, photoText);
    if (error) error.textContent = problem;
    if (problem || files.length === 0 || !button) return;
    button.disabled = true;
    const failed = await uploadPhotos(window.location.pathname, {}, files, kind, (index) => {
      button.textContent = photoText.uploading.replace('{}', String(index));
    });
    if (failed.length === 0) {
      window.location.reload();
      return;
    }
    button.disabled = false;
    if (error) error.textContent = photoText.notUploaded.replace('{}', failed.join(', '));
  });
}

const grids = document.getElementById('grid-options');
if (grids) {
  await eachGridPage((items) =>
    grids.append(...items.map((grid) => el('option', { value: grid.id, text: grid.name }))),
  );
}

const departments = document.getElementById('department-options');
if (departments) {
  const response = await fetch('/departments', { headers: { accept: 'application/json' } });
  if (response.ok) {
    const { items } = (await response.json()) as { items: { id: string; name: string }[] };
    departments.append(...items.map((item) => el('option', { value: item.id, text: item.name })));
  }
}
