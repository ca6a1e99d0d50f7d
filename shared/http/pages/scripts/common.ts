// Helpers the page modules share; esbuild bundles them into each page's module, so a page loads one file.
// DOM is built with textContent only: no data becomes markup.
import { formatTime as formatTimeIn, type Lang, timeLeft as timeLeftIn } from './time-text.ts';

/** The JSON block a page embeds for its module: the language, the strings it shows, and for some an id. */
export interface PageData {
  readonly lang: Lang;
  readonly id?: string;
  readonly t: unknown;
  /** The photo module's words, on pages that show or upload photos. */
  readonly photos?: unknown;
}

export type { Problem } from './problem.ts';

/** A response's status (0 when the network failed) and its JSON body, if it had one. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T | null;
}

/** The element a page's markup is known to contain; its absence is a bug worth an early, clear failure. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}`);
  return found as T;
}

export const data = JSON.parse(byId('page-data').textContent ?? '') as PageData;

/** The time wording every page that shows a deadline sends. */
interface TimeStrings {
  readonly left: string;
  readonly late: string;
}

type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;
type Child = Node | string | null | undefined;

/** An element with attributes (`text` sets its text; false, null and undefined leave one out) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** A JSON request to this origin; a network failure is status 0, never an exception. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<ApiResponse<T>> {
  const init: RequestInit & { headers: Record<string, string> } = {
    method,
    headers: { accept: 'application/json', ...headers },
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  try {
    const response = await fetch(path, init);
    const text = await response.text();
    let parsed: T | null = null;
    try {
      parsed = text ? (JSON.parse(text) as T) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

/** A time as the pages write it, in the page's language. */
export function formatTime(iso: string): string {
  return formatTimeIn(iso, data.lang);
}

/** "3 h 5 min left" or "overdue by 20 min", from the page's strings. */
export function timeLeft(iso: string): string {
  return timeLeftIn(data.t as TimeStrings, data.lang, iso, new Date().toISOString());
}

/** A path of this site in the page's language. */
export function localPath(path: string): string {
  return data.lang === 'en' ? `${path}?lang=en` : path;
}

/** Every grid, page by page along the `next` cursor; `onPage` sees each page as it arrives. */
export async function eachGridPage(onPage: (items: readonly Grid[]) => void): Promise<boolean> {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await api<GridPage>('GET', `/grids?limit=100${query}`);
    if (response.status !== 200 || !response.body) return false;
    onPage(response.body.items);
    cursor = response.body.next ?? null;
  } while (cursor);
  return true;
}

/** A grid as GET /grids lists it. */
export interface Grid {
  readonly id: string;
  readonly name: string;
  readonly communityName?: string;
  readonly addresses: readonly string[];
}

interface GridPage {
  readonly items: readonly Grid[];
  readonly next?: string | null;
}
