import type { CalendarStore } from '../calendars/calendar-store.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { TimerEngine } from '../timers/timer-engine.js';
import type { StateEvents } from '../workflows/state-events.js';
import { SlaClock } from './sla-clock.js';

/** Puts workflow states' time limits on the timers: the clock hears every state exit and entry inside its transition's transaction. */
export function attachTimeLimits(events: StateEvents, timers: TimerEngine, calendars: CalendarStore, directory: () => OrgDirectory): SlaClock {
  const clock = new SlaClock(timers, calendars, directory);
  events.onExit((event) => clock.exited(event));
  events.onEnter((event) => clock.entered(event));
  return clock;
}
