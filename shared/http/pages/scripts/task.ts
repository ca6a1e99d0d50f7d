// The approval-link page's module (/assets/task.js). The page works without it (plain forms that POST); it only
// keeps the time left current and offers the grids in the reassignment field.
import { eachGridPage, el, timeLeft } from './common.ts';

const left = document.getElementById('time-left');
if (left) {
  const deadline = left.dataset.deadline ?? '';
  setInterval(() => {
    left.textContent = timeLeft(deadline);
  }, 30000);
}

const grids = document.getElementById('grid-options');
if (grids) {
  await eachGridPage((items) =>
    grids.append(...items.map((grid) => el('option', { value: grid.id, text: grid.name }))),
  );
}
