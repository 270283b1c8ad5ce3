import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { BaseConfig } from './base-config';
import { ConfigError, loadConfig, loadConfigs } from './load-config';

describe('loadConfig', () => {
  it('fills defaults and freezes the result', () => {
    const config = loadConfig(BaseConfig, { SERVICE_NAME: 'task' });
    expect(config.PORT).toBe(8080);
    expect(config.EVENT_BUS_URL).toBe('memory://');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every missing or invalid variable in one error', () => {
    const attempt = () => loadConfig(BaseConfig, { PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'prod' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems).toEqual(
        expect.arrayContaining([
          'SERVICE_NAME is missing',
          'PORT is invalid: Invalid input: expected number, received NaN',
          expect.stringMatching(/^DATABASE_URL is invalid/),
          expect.stringMatching(/^NODE_ENV is invalid/),
        ]),
      );
      expect(problems).toHaveLength(4);
    }
  });
});

describe('loadConfigs', () => {
  const Own = z.object({ WIDGETS: z.coerce.number().check(z.int()), SERVICE_NAME: z.string() });

  it('parses the base and a function\'s own variables from one environment', () => {
    const [base, own] = loadConfigs([BaseConfig, Own], { SERVICE_NAME: 'task', WIDGETS: '3' });
    expect(base.SERVICE_NAME).toBe('task');
    expect(own.WIDGETS).toBe(3);
  });

  it('lists the problems of every schema in one error, each once', () => {
    let problems: string[] = [];
    try {
      loadConfigs([BaseConfig, Own], { WIDGETS: 'many' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual(['SERVICE_NAME is missing', 'WIDGETS is invalid: Invalid input: expected number, received NaN']);
  });
});
