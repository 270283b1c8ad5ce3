import type { FunctionModule } from '#shared/runtime/function-module';
import { auditModule } from '../functions/audit/src/audit-module';
import { chatModule } from '../functions/chat/src/chat-module';
import { notificationModule } from '../functions/notification/src/notification-module';
import { recurrenceModule } from '../functions/recurrence/src/recurrence-module';
import { reminderModule } from '../functions/reminder/src/reminder-module';
import { statsModule } from '../functions/stats/src/stats-module';
import { taskModule } from '../functions/task/src/task-module';

/** Every function of the one-process system; add a function's module here to run it in `npm start`. */
export const localModules: FunctionModule[] = [taskModule, reminderModule, notificationModule, recurrenceModule, auditModule, statsModule, chatModule];
