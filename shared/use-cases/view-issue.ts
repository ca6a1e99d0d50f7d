import { IssueNotFoundError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { isIssueId, trackingTokenMatches } from '#domain/links.ts';
import {
  type Audience,
  gridIdsOf,
  type PlaceNames,
  type PublicIssueView,
  publicViewOf,
} from '#domain/public-view.ts';
import type { Deps } from './deps.ts';
import { type PhotoView, photoViews } from './photos.ts';

/** The view of a case GET /issues/{id} answers: the public view and its photos' short-lived URLs. */
export type IssueView = PublicIssueView & { readonly photos: PhotoView[] };

/** The names of the grids and the community a case's view mentions (grids from the adapter's warm list). */
async function placeNames(deps: Pick<Deps, 'registry'>, issue: Issue): Promise<PlaceNames> {
  const [community, ...grids] = await Promise.all([
    deps.registry.getUnit(issue.communityId),
    ...gridIdsOf(issue).map((id) => deps.registry.getGrid(id)),
  ]);
  return {
    grids: Object.fromEntries(grids.flatMap((grid) => (grid ? [[grid.id, grid.name]] : []))),
    community: community?.name,
  };
}

/**
 * What anyone may see of a case; with its tracking token the resident also sees the notes. An id that is
 * malformed or unknown is "not found" alike.
 */
export async function viewIssue(
  deps: Pick<Deps, 'issues' | 'clock' | 'calendars' | 'keys' | 'registry' | 'photos'>,
  id: string,
  trackingToken?: string,
): Promise<IssueView> {
  const stored = isIssueId(id) ? await deps.issues.get(id) : undefined;
  if (!stored) throw new IssueNotFoundError(id);
  const resident = trackingToken !== undefined && trackingTokenMatches(deps.keys.linkKey, id, trackingToken);
  return caseView(deps, stored.issue, resident ? 'resident' : 'public');
}

/** A case as GET /issues/{id} shows it to the audience: names for places, time left, and its photos. */
export async function caseView(
  deps: Pick<Deps, 'clock' | 'calendars' | 'registry' | 'photos'>,
  issue: Issue,
  audience: Audience,
): Promise<IssueView> {
  const calendar = await deps.calendars.calendar();
  const view = publicViewOf(
    issue,
    deps.clock.now().toISOString(),
    audience,
    await placeNames(deps, issue),
    calendar,
  );
  // Photos are shown to everyone: they were stripped of metadata (and their GPS position) when attached.
  return { ...view, photos: await photoViews(deps.photos, issue.id, issue.photos) };
}
