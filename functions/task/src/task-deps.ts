import type { FunctionDeps } from '#shared/runtime/function-module';

/** Everything the task function needs from the outside, built once by its entry point. */
export type TaskDeps = FunctionDeps;

export const TASK_SOURCE = '/functions/task';
