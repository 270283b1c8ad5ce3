import type { Priority, Task } from '#shared/contracts/task';
import { PRIORITY_RANK } from '#shared/contracts/task';

export interface TaskRow {
  id: string;
  user_id: string;
  title: string;
  description: string;
  status: Task['status'];
  priority: number;
  tags: string[];
  due_at: Date | null;
  reminders: string[];
  recurrence: Task['recurrence'];
  series_id: string | null;
  series_index: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

const PRIORITY_BY_RANK = Object.fromEntries(Object.entries(PRIORITY_RANK).map(([name, rank]) => [rank, name])) as Record<number, Priority>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function taskFromRow(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: PRIORITY_BY_RANK[row.priority]!,
    tags: row.tags,
    dueAt: iso(row.due_at),
    reminders: row.reminders,
    recurrence: row.recurrence,
    series: row.series_id && row.series_index ? { id: row.series_id, index: row.series_index } : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: iso(row.completed_at),
  };
}
