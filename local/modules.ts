import type { FunctionModule } from '#shared/runtime/function-module';
import { taskModule } from '../functions/task/src/task-module';

/** Every function of the one-process system; add a function's module here to run it in `npm start`. */
export const localModules: FunctionModule[] = [taskModule];
