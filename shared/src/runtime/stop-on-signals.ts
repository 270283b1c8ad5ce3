import type { Logger } from '../log/logger';
import type { Lifecycle } from './lifecycle';

/** Where a bundle's entry (scripts/bundle-entry.mjs) leaves the handler it installs before the bundle loads. */
const EARLY_HANDLER = Symbol.for('todo.exitOnEarlySignals');

/**
 * SIGTERM or SIGINT stops the process through `lifecycle` and exits: 0 when every step finished, 1
 * when the deadline passed. A second signal during the stop exits at once (Ctrl-C twice).
 */
export function stopOnSignals(lifecycle: Lifecycle, log: Logger, target: NodeJS.Process = process): void {
  const exit = (code: number) => {
    log.flush();
    target.exit(code);
  };
  let received = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++received > 1) {
      log.warn({ signal }, 'second signal during the stop: exiting now');
      return exit(1);
    }
    log.info({ signal }, 'signal received');
    void lifecycle.stop().then((outcome) => exit(outcome.completed ? 0 : 1));
  };
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
  const early = (globalThis as Record<symbol, unknown>)[EARLY_HANDLER];
  if (typeof early === 'function') {
    target.off('SIGTERM', early as () => void);
    target.off('SIGINT', early as () => void);
  }
}
