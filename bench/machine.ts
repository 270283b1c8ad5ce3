import { cpus, platform, release, totalmem } from 'node:os';

/** What the figures were measured on. */
export interface MachineFacts {
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  date: string;
}

export function machineFacts(now: Date): MachineFacts {
  const list = cpus();
  return {
    node: process.version,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()}`,
    date: now.toISOString(),
  };
}
