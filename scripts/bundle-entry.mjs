// dist/<function>/main.mjs: installs the stop handlers before the function's bundle is parsed, then
// loads it. Parsing the bundle is most of a cold start; a SIGTERM or SIGINT meanwhile (a scale-down
// racing a scale-up) exits at once with status 0, since nothing is open yet. The runtime replaces these
// handlers with the real stop as soon as it starts.
const exitBeforeStart = (signal) => {
  process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), signal, msg: 'signal before start-up; nothing to close' })}\n`);
  process.exit(0);
};
process.on('SIGTERM', exitBeforeStart);
process.on('SIGINT', exitBeforeStart);
globalThis[Symbol.for('todo.exitOnEarlySignals')] = exitBeforeStart;
await import('./function.mjs');
