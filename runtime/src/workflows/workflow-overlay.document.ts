import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { timeLimitSchema } from './time-limit.document.js';

/**
 * What a layer does to one workflow for its subtree: a state's time limit
 * (the county's 48 hours), and locks on states (or `*`) for the layers
 * below, within what the layers above left unlocked.
 */
export const workflowOverlaySchema = z.strictObject({
  key: keySchema,
  states: z.array(z.strictObject({ key: keySchema, timeLimit: timeLimitSchema })).optional(),
  lock: z.array(z.union([z.literal('*'), keySchema])).optional(),
});

export type WorkflowOverlay = z.infer<typeof workflowOverlaySchema>;
