/**
 * Of matches that overlap, keeps the longest (the earlier one on a tie); returns them in text
 * order. Linear in the text covered, so a long message with many matches stays fast.
 */
export function keepLongest<Match extends { start: number; end: number }>(
  matches: readonly Match[],
): Match[] {
  const byLength = [...matches].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  )
  const taken = new Uint8Array(matches.reduce((end, m) => Math.max(end, m.end), 0))
  const kept: Match[] = []
  for (const match of byLength) {
    let isFree = true
    for (let at = match.start; at < match.end && isFree; at++) isFree = taken[at] === 0
    if (!isFree) continue
    for (let at = match.start; at < match.end; at++) taken[at] = 1
    kept.push(match)
  }
  return kept.sort((a, b) => a.start - b.start)
}
