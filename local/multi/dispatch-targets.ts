import type { DispatchTarget } from './dispatcher';

/** Parses `name=http://host:port,name=http://host:port` (DISPATCH_TARGETS). */
export function parseTargets(text: string): DispatchTarget[] {
  const targets = text.split(',').filter(Boolean).map((entry) => {
    const [name, url] = entry.split('=');
    if (!name || !url || !/^https?:\/\/[^/]+$/.test(url)) throw new Error(`DISPATCH_TARGETS entry ${entry} is not name=http://host:port`);
    return { name, url };
  });
  if (targets.length === 0) throw new Error('DISPATCH_TARGETS names no function (name=http://host:port,...)');
  return targets;
}

export function formatTargets(targets: readonly DispatchTarget[]): string {
  return targets.map((target) => `${target.name}=${target.url}`).join(',');
}
