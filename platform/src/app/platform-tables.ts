import type { EntitySchema } from '@mikro-orm/postgresql';
import { ORG_ENTITIES } from '../org/org-entities.js';
import { SHARING_ENTITIES } from '../security/sharing-entities.js';
import { AUTH_ENTITIES } from '../auth/auth-entities.js';
import { SAVED_VIEW_ENTITIES } from '../views/saved-view-entities.js';
import { TIMER_ENTITIES } from '../timers/timer-entities.js';
import { SLA_ENTITIES } from '../sla/sla-entities.js';
import { CALENDAR_ENTITIES } from '../calendars/calendar-entities.js';

/**
 * The feature modules' tables, handed to the database when it opens: the one
 * place that names them all, so `database/` depends on no feature.
 */
export const MODULE_TABLES: readonly EntitySchema[] = [...ORG_ENTITIES, ...AUTH_ENTITIES, ...SHARING_ENTITIES, ...SAVED_VIEW_ENTITIES, ...TIMER_ENTITIES, ...SLA_ENTITIES, ...CALENDAR_ENTITIES];
