import { z } from 'zod';

/** The payload of a request that takes no arguments. */
export const EmptyPayload = z.object({}).strict();
