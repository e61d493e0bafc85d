import { readFileSync } from 'node:fs'

/** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms on every common architecture. */
const ticksPerSecond = 100

/** CPU time (user + system) another process has used so far, from /proc/<pid>/stat, in ms. */
export function readProcessCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const userTicks = Number(fields[11])
  const systemTicks = Number(fields[12])
  return ((userTicks + systemTicks) * 1000) / ticksPerSecond
}

/** CPU time this process has used so far, in ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** CPU time all processes on the machine have used so far (busy, not idle or I/O wait), in ms. */
export function readMachineBusyMs(): number {
  const [cpuLine] = readFileSync('/proc/stat', 'utf8').split('\n', 1)
  const ticks = (cpuLine ?? '').trim().split(/\s+/).slice(1).map(Number)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks
  return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond
}
