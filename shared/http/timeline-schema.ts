// A case's timeline as the routes answer it (./response-schemas.ts): the event types and one entry's fields.
import * as z from 'zod';
import { PERSON_ROLES } from '#domain/registry.ts';
import { instant, level } from './schema-primitives.ts';

/** How a rating ended a case (`issue.outcome`). */
export const RATING_OUTCOMES = ['satisfied', 'unsatisfied', 'unrated'] as const;
const EVENT_TYPES = [
  'submitted',
  'assigned',
  'accepted',
  'declined',
  'escalated',
  'reassigned',
  'resolved',
  'rated',
  'reopened',
  'reminded',
  'supervised',
  'requested',
  'deferred',
  'paused',
  'resumed',
  'refused',
  'closed',
  'handed_back',
  'appealed',
  'appeal_upheld',
  'appeal_rejected',
  'reinvited',
  'transferred',
  'returned',
  'co_handling',
  'co_reported',
  'contacts_erased',
  'followed_up',
  'merged',
] as const;

/** A person as the views name them. */
export const assignee = z.object({ id: z.string(), name: z.string(), role: z.enum(PERSON_ROLES) });

/** One entry of a case's timeline, as the public view and the link page show it. */
export const timelineEvent = z.object({
  at: instant,
  type: z.enum(EVENT_TYPES),
  level: level.optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  assignee: assignee.optional(),
  by: assignee.optional(),
  note: z.string().optional().meta({ description: 'Only with the tracking token' }),
  score: z.number().int().optional(),
  reason: z.string().optional(),
  reworkCount: z.number().int().optional(),
  outcome: z.enum(RATING_OUTCOMES).optional(),
  count: z.number().int().optional().meta({ description: 'How many times in a row (reminders)' }),
  until: instant.optional().meta({ description: 'A deferral’s or pause’s date' }),
  department: z.string().optional().meta({ description: 'The department it concerns, by name' }),
});
