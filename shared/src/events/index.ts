export * from './catalog';
export * from './envelope';
export * from './new-event';
export * from './notification-events';
export * from './reminder-events';
export * from './task-events';
export * from './topics';
export * from './validate-event';
