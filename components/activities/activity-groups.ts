import type { Activity, ActivityGroups, ActivityTask } from '../api/types.ts';
import { localToday } from '../i18n/format.ts';

export type GroupName = keyof ActivityGroups;

export const groupNames: readonly GroupName[] = ['overdue', 'upcoming', 'done'];

const pad = (value: number) => String(value).padStart(2, '0');

/** An instant as the reader's wall-clock time, as sortable text `YYYY-MM-DDTHH:MM:SS`. */
function wallClock(iso: string): string {
  const date = new Date(iso);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

// The same orders as the service: open items by when they fall due (a date sorts before the
// timed events of that day, undated tasks last), done items by when they became done, latest first.
function openKey(activity: Activity): string {
  if (activity.kind === 'task') return activity.dueOn ?? '\uffff';
  return activity.allDay ? activity.startsAt : wallClock(activity.startsAt);
}

function doneKey(activity: Activity): string {
  if (activity.kind === 'task') return activity.completedAt ? wallClock(activity.completedAt) : '';
  return activity.allDay ? `${activity.endsAt}T24:00:00` : wallClock(activity.endsAt);
}

function compare(group: GroupName, a: Activity, b: Activity): number {
  const [x, y] = group === 'done' ? [doneKey(b), doneKey(a)] : [openKey(a), openKey(b)];
  if (x !== y) return x < y ? -1 : 1;
  return a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where a task belongs: done once completed, overdue once its due date has passed for the reader. */
export function taskStatus(task: Pick<ActivityTask, 'completedAt' | 'dueOn'>, today: string = localToday()): ActivityTask['status'] {
  if (task.completedAt) return 'done';
  return task.dueOn !== null && task.dueOn < today ? 'overdue' : 'upcoming';
}

/** The groups with `task` taken out of wherever it was and put, in order, into the group of its status. */
export function placeTask(groups: ActivityGroups, task: ActivityTask): ActivityGroups {
  const without = <T extends Activity>(items: T[]) => items.filter((item) => item.id !== task.id);
  const next: ActivityGroups = { overdue: without(groups.overdue), upcoming: without(groups.upcoming), done: without(groups.done) };
  const target: Activity[] = next[task.status];
  const index = target.findIndex((item) => compare(task.status, task, item) < 0);
  target.splice(index === -1 ? target.length : index, 0, task);
  return next;
}

/** The task with this id, wherever it is. */
export function findTask(groups: ActivityGroups, id: string): ActivityTask | undefined {
  for (const name of groupNames) {
    const found = (groups[name] as Activity[]).find((item) => item.id === id);
    if (found?.kind === 'task') return found;
  }
  return undefined;
}

/** A file name for an event's `.ics` when the service's own cannot be read: its title, plainly. */
export function calendarFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'event'}.ics`;
}
