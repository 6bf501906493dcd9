import { readFileSync } from 'node:fs';

/** CPU time and resident memory of a process, read from Linux's /proc. */
export interface ProcSample {
  /** user + system CPU time in milliseconds. */
  cpuMs: number;
  /** Resident set size in bytes. */
  rssBytes: number;
  /** When it was read (`performance.now()` clock is not shared across processes; Date is). */
  at: number;
}

// Linux reports CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel.
const TICKS_PER_SECOND = 100;

/** Reads one sample for `pid`; undefined when the process is gone or /proc is missing. */
export function sampleProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: count fields after its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssBytes: rssKb * 1024, at: Date.now() };
  } catch {
    return undefined;
  }
}

/** CPU used between two samples, as percent of one core. */
export function cpuPercent(from: ProcSample | undefined, to: ProcSample | undefined): number {
  if (from === undefined || to === undefined || to.at === from.at) return Number.NaN;
  return ((to.cpuMs - from.cpuMs) / (to.at - from.at)) * 100;
}

/** Machine-wide CPU counters from /proc/stat, in clock ticks summed over all cores. */
export interface MachineSample {
  busyTicks: number;
  at: number;
}

/** Reads the machine's busy CPU time; undefined without /proc. */
export function sampleMachine(): MachineSample | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // irq and softirq count too: the kernel charges loopback TCP work done in softirq to
    // the process it interrupted, so leaving them out here makes "others" go negative.
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { busyTicks: user! + nice! + system! + irq! + softirq! + steal!, at: Date.now() };
  } catch {
    return undefined;
  }
}

/** CPU the whole machine used between two samples, in percent of one core. */
export function machinePercent(
  from: MachineSample | undefined,
  to: MachineSample | undefined,
): number {
  if (from === undefined || to === undefined || to.at === from.at) return Number.NaN;
  return (((to.busyTicks - from.busyTicks) * 1000) / TICKS_PER_SECOND / (to.at - from.at)) * 100;
}
