// The namespace import lets esbuild drop what is unused (the named export pulls in all of zod).
import * as z from 'zod';
import { DEPARTMENT_RUNGS } from '#domain/escalation.ts';
import { LEVELS } from '#domain/hierarchy.ts';
import { PERSON_ROLES } from '#domain/registry.ts';

const department = z.object({ id: z.string(), name: z.string(), rung: z.enum(DEPARTMENT_RUNGS) });

/** The payloads the state machine hands its task functions; checked so a definition drift fails loudly. */
export const offerInput = z.object({
  issueId: z.string(),
  taskToken: z.string().min(1),
  step: z.object({
    seq: z.number().int().positive(),
    task: z.enum(['accept', 'resolve', 'supervise']),
    level: z.enum(LEVELS),
    assigneeId: z.string().optional(),
    round: z.number().int().nonnegative(),
    deadline: z.iso.datetime({ offset: true }),
    remindAt: z.array(z.iso.datetime({ offset: true })),
    holder: z
      .object({
        assignee: z.object({ id: z.string(), name: z.string(), role: z.enum(PERSON_ROLES) }),
        level: z.enum(LEVELS),
        department: department.optional(),
      })
      .optional(),
    department: department.optional(),
    timeoutSeconds: z.number().int().positive(),
  }),
});

export const settleInput = z.object({
  issueId: z.string(),
  stateMachineArn: z.string().min(1),
  seq: z.number().int().positive(),
  round: z.number().int().nonnegative(),
  deadline: z.iso.datetime({ offset: true }),
  remindAt: z.array(z.iso.datetime({ offset: true })),
  ended: z.enum(['offer', 'cohandle']).optional(),
});

/** One iteration of the co-handling Map: the case and its co-handler's link number. */
export const awaitCoHandlerInput = z.object({
  issueId: z.string(),
  taskToken: z.string().min(1),
  coHandler: z.object({ seq: z.number().int().positive(), timeoutSeconds: z.number().int().positive() }),
});

/** The rating wait's step: its round (0, then 1 after the re-invitation) and the instants that end it. */
const ratingStep = z.object({
  round: z.number().int().nonnegative().optional(),
  closeAt: z.iso.datetime({ offset: true }).optional(),
  reinviteAt: z.iso.datetime({ offset: true }).optional(),
});

export const awaitRatingInput = z.object({
  issueId: z.string(),
  taskToken: z.string().min(1),
  step: ratingStep.optional(),
});

export const settleRatingInput = z.object({ issueId: z.string(), step: ratingStep.optional() });
