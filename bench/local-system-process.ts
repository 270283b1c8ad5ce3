import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processCpuSeconds } from './process-cpu';
import { freePort } from './spawn-function';

/** `npm start`'s system (`local/main.ts`) running as a process group of its own, on a fresh data folder. */
export interface LocalSystemProcess {
  url: string;
  dataDir: string;
  /** The group's leader (npm); tsx starts the node that runs the system as its child. */
  leaderPid: number;
  /** The process that runs the system: the one member of the group with no child in it. */
  systemPid: () => number | undefined;
  /** Every live process of the group. */
  groupPids: () => number[];
  /** CPU seconds the whole group has used so far. */
  groupCpuSeconds: () => number;
  /** Lines the system wrote at pino's warn (40) and error (50) levels or above, with the last few. */
  logged: () => { warnings: number; errors: number; last: string[] };
  /** Stops the whole group (SIGTERM, SIGKILL 15 s later) and removes the data folder. */
  stop: () => Promise<void>;
}

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function membersOf(group: number): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procStat(Number(name)))
    .filter((stat): stat is ProcStat => stat?.pgrp === group);
}

/** The resident memory of a process in MiB (VmRSS), NaN once it is gone. */
export function residentMiB(pid: number): number {
  try {
    const kiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round((kiB / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}

async function waitReady(child: ChildProcess, url: string, output: () => string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the system exited with ${child.exitCode} before ready: ${output()}`);
    const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => (await response.arrayBuffer(), response.status === 200),
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the system was not ready within ${timeoutMs / 1000} s: ${output()}`);
}

const signalGroup = (group: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-group, signal);
  } catch {
    // The group is gone already.
  }
};

async function stopGroup(group: number): Promise<void> {
  signalGroup(group, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (membersOf(group).length > 0) {
    if (Date.now() > deadline) signalGroup(group, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts the system with `npm start` (in its own process group, so the whole group can be stopped:
 * npm → sh → tsx → node), with a fresh `DATA_DIR`, on a free port, and
 * waits for `GET /ready` (the system warms up before it says ready).
 */
export async function startLocalSystem(options: { root: string; env: Record<string, string>; readyTimeoutMs: number }): Promise<LocalSystemProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-mix-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: options.root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const group = child.pid!;
  const last: string[] = [];
  let warnings = 0;
  let errors = 0;
  let partial = '';
  const readLines = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 50);
      if (level >= 50) errors++;
      else if (level >= 40) warnings++;
      last.push(line.slice(0, 500));
      if (last.length > 10) last.shift();
    }
  };
  child.stdout?.on('data', readLines);
  child.stderr?.on('data', readLines);
  const groupPids = () => membersOf(group).map((member) => member.pid);
  const system: LocalSystemProcess = {
    url,
    dataDir,
    leaderPid: group,
    groupPids,
    systemPid: () => {
      // npm, sh, tsx and the node that runs the system all name local/main.ts; that node is the last of
      // them (its own children, such as tsx's esbuild service, do not).
      const runners = membersOf(group).filter((member) => commandLine(member.pid).includes('local/main.ts'));
      return runners.find((member) => !runners.some((other) => other.ppid === member.pid))?.pid;
    },
    groupCpuSeconds: () => groupPids().reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
    logged: () => ({ warnings, errors, last: [...last] }),
    stop: async () => {
      try {
        await stopGroup(group);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  try {
    await waitReady(child, url, () => last.join('\n'), options.readyTimeoutMs);
  } catch (error) {
    await system.stop();
    throw error;
  }
  return system;
}
