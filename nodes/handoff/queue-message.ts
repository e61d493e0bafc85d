/**
 * Fills a place-in-queue message: `{position}` (1 = next), `{ahead}` (customers before this one)
 * and `{minutes}` (expected wait, rounded up, at least 1). The runtime sends it again as the
 * place changes.
 * @example fillQueueMessage('您前面还有 {ahead} 位', { position: 3, estimatedWaitMs: 90_000 })
 */
export function fillQueueMessage(
  template: string,
  place: { position: number; estimatedWaitMs: number },
): string {
  const minutes = Math.max(1, Math.ceil(place.estimatedWaitMs / 60_000))
  return template
    .replaceAll('{position}', String(place.position))
    .replaceAll('{ahead}', String(Math.max(0, place.position - 1)))
    .replaceAll('{minutes}', String(minutes))
}
