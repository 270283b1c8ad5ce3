import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connect, type Sql } from '../db/connect';

/** A client for the run's test database (see global-setup.ts). */
export function testSql(): Sql {
  return connect(inject('databaseUrl'), { max: 4, applicationName: 'test' });
}

/** A schema name no other test file uses, e.g. `task_1a2b3c4d`. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}
