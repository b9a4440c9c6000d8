import { z } from 'zod';
import { ScheduleSchema } from './schedule';

const Id = z.string().min(1).max(64);

/** A schedule, or a new-file trigger (DESIGN §3 "Schedule / trigger"). */
export const AutomationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('schedule'), schedule: ScheduleSchema }).strict(),
  z.object({ kind: z.literal('new-file') }).strict(),
]);

/** Sets an import's automation, or removes it (null). */
export const SetAutomationSchema = z
  .object({ importId: Id, automation: AutomationSchema.nullable() })
  .strict();

export const PauseAutomationSchema = z.object({ importId: Id, paused: z.boolean() }).strict();

/** The editor's preview of a schedule before it is saved. */
export const PreviewScheduleSchema = z
  .object({ schedule: ScheduleSchema, count: z.number().int().min(1).max(20).default(3) })
  .strict();
