import { readFileSync } from 'node:fs'

export interface ProcessMemory {
  /** Resident set size now (VmRSS). */
  rssMb: number
  /** Highest resident set size since the process started (VmHWM). */
  peakRssMb: number
}

/** Reads another process's memory from /proc (Linux only), in MiB. */
export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return { rssMb: statusFieldMb(status, 'VmRSS'), peakRssMb: statusFieldMb(status, 'VmHWM') }
}

function statusFieldMb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)
  if (!match?.[1]) throw new Error(`/proc status has no ${field}`)
  return Math.round((Number(match[1]) / 1024) * 10) / 10
}
