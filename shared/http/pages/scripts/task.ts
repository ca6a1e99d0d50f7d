/**
 * The approval-link page's module (/assets/task.js). The page works without it (plain forms that POST); it only
 * keeps the time left current and offers the grids in the reassignment field.
 */
export const TASK_JS = `
import { api, el, timeLeft } from '__COMMON__';

const left = document.getElementById('time-left');
if (left) setInterval(() => { left.textContent = timeLeft(left.dataset.deadline); }, 30000);

const grids = document.getElementById('grid-options');
if (grids) {
  let cursor = null;
  do {
    const response = await api('GET', '/grids?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    if (response.status !== 200) break;
    grids.append(...response.body.items.map((grid) => el('option', { value: grid.id, text: grid.name })));
    cursor = response.body.next;
  } while (cursor);
}
`;
