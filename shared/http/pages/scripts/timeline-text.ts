// A case's timeline in words: the tracking page and the workbench's case page say each event the same way.
import { formatTime } from './common.ts';
import type { Person, TimelineEvent, TrackStrings } from './track-types.ts';

/** The strings a timeline needs (the tracking page's, which the workbench page sends too). */
export type TimelineStrings = Pick<
  TrackStrings,
  'events' | 'roles' | 'levels' | 'scores' | 'outcomes' | 'colon'
>;

/** A string of the page's, with `{}` filled in. */
const say = (template: string | undefined, value: string) => (template ?? '').replace('{}', value);

/** One timeline entry in words, from the page's strings (`gridName` names a grid by its id). */
export function describeEvent(
  t: TimelineStrings,
  event: TimelineEvent,
  gridName: (id: string | undefined) => string,
): string {
  const who = (person: Person | undefined) => person?.name ?? '';
  const desk = (value: string) => `${event.department ?? ''}${t.roles[value] ?? value}`;
  const level = (value: string | undefined) => (value ? (t.levels[value] ?? desk(value)) : '');
  const role = (person: Person | undefined) => (person?.role ? (t.roles[person.role] ?? '') : '');
  const e = t.events;
  switch (event.type) {
    case 'submitted':
      return say(e.submitted, gridName(event.to));
    case 'assigned':
      // The person's role ("grid worker 曾帆英"); the level alone ("grid 曾帆英") reads as a place.
      return say(e.assigned, `${role(event.assignee) || level(event.level)} ${who(event.assignee)}`);
    case 'accepted':
      return say(e.accepted, event.department ?? who(event.by));
    case 'declined':
      return say(e.declined, who(event.by));
    case 'escalated':
      return say(e.escalated, level(event.to)) + (event.reason === 'deadline' ? (e.byDeadline ?? '') : '');
    case 'reassigned':
      return say(e.reassigned, gridName(event.to));
    case 'resolved':
      return say(e.resolved, event.department ?? who(event.by)) + (event.note ? t.colon + event.note : '');
    case 'rated':
      return say(e.rated, t.scores[String(event.score)] ?? String(event.score));
    case 'reopened':
      return say(e.reopened, level(event.level));
    case 'closed':
      return say(e.closed, event.outcome ? (t.outcomes[event.outcome] ?? event.outcome) : '');
    case 'reminded':
      return say(e.reminded, event.count && event.count > 1 ? ` ×${event.count}` : '');
    case 'supervised':
      return say(e.supervised, who(event.assignee ?? event.by));
    case 'requested':
      return say(e.requested, who(event.by));
    case 'deferred':
    case 'paused':
      // The resident sees the new date and why (the reason is the holder's, kept in the note).
      return (
        say(e[event.type], event.until ? formatTime(event.until) : '') +
        (event.note ? t.colon + event.note : '')
      );
    case 'appealed':
      return say(e.appealed, who(event.by)) + (event.note ? t.colon + event.note : '');
    case 'appeal_upheld':
    case 'appeal_rejected':
      return say(e[event.type], '') + (event.note ? t.colon + event.note : '');
    case 'resumed':
    case 'refused':
    case 'handed_back':
    case 'reinvited':
    case 'contacts_erased':
    case 'followed_up':
    case 'merged':
      return say(e[event.type], '');
    case 'transferred':
    case 'returned':
    case 'co_handling':
    case 'co_reported':
      return say(e[event.type], event.department ?? '') + (event.note ? t.colon + event.note : '');
    default:
      return event.type;
  }
}
