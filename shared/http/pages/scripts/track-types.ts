// The shapes the tracking page's module (./track.ts) reads: its strings and the public view of a case.
import type { PhotoView } from './photos.ts';

type Strings = Readonly<Record<string, string>>;

export interface TrackStrings {
  readonly caseId: string;
  readonly caseNumberNote: string;
  readonly description: string;
  readonly grid: string;
  readonly category: string;
  readonly level: string;
  readonly holder: string;
  readonly deadline: string;
  readonly resolveBy: string;
  readonly caseLeft: Readonly<Record<string, Strings>>;
  readonly rating: string;
  readonly result: string;
  readonly caseOutcomes: Strings;
  readonly overdue: string;
  readonly notFound: string;
  readonly chooseScore: string;
  readonly failed: string;
  readonly notYours: string;
  readonly alreadyRated: string;
  readonly commentInvalid: string;
  readonly colon: string;
  readonly statuses: Strings;
  readonly levels: Strings;
  readonly levelTitles: Strings;
  readonly scores: Strings;
  readonly categories: Strings;
  readonly roles: Strings;
  readonly outcomes: Strings;
  readonly events: Strings;
}

export interface Person {
  readonly name: string;
  readonly role?: string;
}

/** A timeline entry as GET /issues/{id} shows it; each type carries some of these. */
export interface TimelineEvent {
  readonly type: string;
  readonly at: string;
  readonly to?: string;
  readonly level?: string;
  readonly reason?: string;
  readonly note?: string;
  readonly score?: number;
  readonly outcome?: string;
  readonly assignee?: Person;
  readonly by?: Person;
  readonly count?: number;
  readonly until?: string;
  readonly department?: string;
}

export interface PublicIssue {
  readonly id: string;
  readonly caseNumber: string | null;
  readonly status: string;
  readonly category: string;
  readonly description: string | null;
  readonly gridId: string;
  readonly gridName: string | null;
  readonly communityName: string | null;
  readonly gridNames: Readonly<Record<string, string>>;
  readonly level: string;
  readonly overdue?: boolean;
  readonly deadline?: string;
  readonly resolveDeadline?: string | null;
  readonly timeLeft?: { readonly amount: number; readonly unit: string; readonly basis: string } | null;
  readonly assignee?: Person;
  readonly rating?: { readonly score: number };
  readonly resolution?: { readonly outcome: string } | null;
  readonly timeline: readonly TimelineEvent[];
  readonly photos?: readonly PhotoView[];
}
