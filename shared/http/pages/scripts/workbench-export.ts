// The workbench's export: a job started on the server, polled with a growing pause and a deadline, and the
// finished file downloaded from the short-lived URL the API hands back.
import { api, el, type Problem } from './common.ts';

export interface ExportStrings {
  readonly exportRunning: string;
  /** `{}`: the number of cases in the file. */
  readonly exportDone: string;
  /** `{}`: the number of cases in the file, the newest of a longer list. */
  readonly exportCut: string;
  readonly exportFailed: string;
  readonly exportTimedOut: string;
  readonly badFilter: string;
}

interface ExportView {
  readonly status: 'running' | 'done' | 'failed';
  readonly rows?: number;
  readonly complete?: boolean;
  readonly url?: string;
}

/** How long the page waits for a file; the export may still finish, and a new one can be asked for. */
const GIVE_UP_MS = 4 * 60_000;
const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 8_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Hands the file to the browser: the URL's own Content-Disposition names it and makes it a download. */
function download(url: string): void {
  const link = el('a', { href: url, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Exports the list under `query`: starts the job, asks how it stands (every half second at first, less often
 * as it runs on), downloads the file when it is done, and says each step through `say`.
 */
export async function exportCases(
  t: ExportStrings,
  query: URLSearchParams,
  authorization: string,
  say: (text: string, failed?: boolean) => void,
): Promise<void> {
  const headers = { authorization };
  const search = query.toString();
  const started = await api<{ location: string } & Problem>(
    'POST',
    `/workbench/api/exports${search ? `?${search}` : ''}`,
    undefined,
    headers,
  );
  if (started.status !== 202 || !started.body) {
    const fields = started.body?.errors?.map((error) => error.path).join(', ');
    say(started.status === 422 && fields ? t.badFilter.replace('{}', fields) : t.exportFailed, true);
    return;
  }
  say(t.exportRunning);
  const deadline = Date.now() + GIVE_UP_MS;
  for (let wait = FIRST_PAUSE_MS; Date.now() < deadline; wait = Math.min(wait * 2, LONGEST_PAUSE_MS)) {
    await pause(wait);
    const view = await api<ExportView>('GET', started.body.location, undefined, headers);
    if (view.status !== 200 || !view.body || view.body.status === 'failed') break;
    if (view.body.status === 'done' && view.body.url) {
      const rows = String(view.body.rows ?? 0);
      say((view.body.complete === false ? t.exportCut : t.exportDone).replace('{}', rows));
      download(view.body.url);
      return;
    }
  }
  say(Date.now() >= deadline ? t.exportTimedOut : t.exportFailed, true);
}
