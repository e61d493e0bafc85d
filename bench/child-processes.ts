import { readdirSync, readFileSync } from 'node:fs'

/**
 * The ids of this process's own children, from /proc. Covers a child whose handle we never got,
 * such as a server that printed nothing before startServerProcess gave up on it.
 */
export function ownChildPids(): number[] {
  const pids: number[] = []
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const children = readFileSync(`/proc/self/task/${task}/children`, 'utf8')
      for (const pid of children.split(' ')) if (pid.trim()) pids.push(Number(pid))
    } catch {
      // The thread ended while we read: it has no children to list.
    }
  }
  return pids
}

/** Sends SIGTERM to each of this process's children, by id. Safe to call more than once. */
export function terminateOwnChildren(): void {
  for (const pid of ownChildPids()) {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
}
