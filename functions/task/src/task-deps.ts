import type { FunctionDeps } from '#shared/runtime/function-module';
import { sourceOf } from '#shared/system/function-events';

/** Everything the task function needs from the outside, built once by its entry point. */
export type TaskDeps = FunctionDeps;

export const TASK_SOURCE = sourceOf('task');
