import { describe, expect, it } from 'vitest';
import { parseCommand } from './dlq-command';

describe('the dlq command line', () => {
  it('reads list, show and replay, a function name standing for its dead-letter topic', () => {
    expect(parseCommand(['list'])).toEqual({ name: 'list', topics: [] });
    expect(parseCommand(['list', 'audit', 'task-dead-letter'])).toEqual({ name: 'list', topics: ['audit-dead-letter', 'task-dead-letter'] });
    expect(parseCommand(['show', 'audit', '0:42'])).toEqual({ name: 'show', topic: 'audit-dead-letter', position: { partition: 0, offset: '42' } });
    expect(parseCommand(['replay', 'audit-dead-letter', '0:1', '0:07'])).toEqual({
      name: 'replay',
      topic: 'audit-dead-letter',
      positions: [
        { partition: 0, offset: '1' },
        { partition: 0, offset: '7' },
      ],
    });
    expect(parseCommand(['replay', 'audit', '--all'])).toEqual({ name: 'replay', topic: 'audit-dead-letter', positions: 'all' });
  });

  it.each([
    [[], 'no command'],
    [['drop', 'audit'], 'unknown command drop'],
    [['show', 'audit'], 'show needs a topic and one <partition>:<offset>'],
    [['show', 'audit', '42'], 'show needs a topic and one <partition>:<offset>'],
    [['replay', 'audit'], 'replay needs a topic and <partition>:<offset>… or --all'],
    [['replay', 'audit', '0:1', 'latest', '1:-2'], 'not <partition>:<offset>: latest 1:-2'],
    [['replay', 'audit', '--all', '0:1'], 'not <partition>:<offset>: --all'],
  ])('says what is wrong with %j', (args, problem) => {
    expect(parseCommand(args)).toEqual({ problem });
  });
});
