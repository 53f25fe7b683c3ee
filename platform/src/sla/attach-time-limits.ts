import type { CalendarStore } from '../calendars/calendar-store.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { TimerEngine } from '../timers/timer-engine.js';
import type { StateEvents } from '../workflows/state-events.js';
import { SlaClock } from './sla-clock.js';

/**
 * Puts workflow states' time limits on the timers: the clock hears every
 * transition (its exit and entry together) and every record's start (an
 * entry from no state) inside the write's transaction.
 */
export function attachTimeLimits(events: StateEvents, timers: TimerEngine, calendars: CalendarStore, directory: () => OrgDirectory): SlaClock {
  const clock = new SlaClock(timers, calendars, directory);
  events.onMove((exit, entry) => clock.moved(exit, entry));
  events.onEnter((event) => (event.from === null ? clock.entered(event) : undefined));
  return clock;
}
