import { z } from 'zod'

/**
 * Stores a weight matrix compactly inside the version's JSON: weights are quantized to 8 bits
 * (the classifier's ranking does not need more) and only the non-zero ones are kept, as
 * varint-coded gaps between positions plus the quantized values, both base64.
 */
export const packedWeightsSchema = z.object({
  length: z.number().int().min(0),
  scale: z.number().min(0),
  gaps: z.string(),
  values: z.string(),
})
export type PackedWeights = z.infer<typeof packedWeightsSchema>

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function packWeights(weights: Float32Array): PackedWeights {
  let max = 0
  for (const weight of weights) max = Math.max(max, Math.abs(weight))
  const scale = max / 127
  const gaps: number[] = []
  const values: number[] = []
  let last = -1
  if (scale > 0) {
    for (let i = 0; i < weights.length; i++) {
      const quantized = Math.round((weights[i] as number) / scale)
      if (quantized === 0) continue
      let gap = i - last
      last = i
      while (gap >= 0x80) {
        gaps.push((gap & 0x7f) | 0x80)
        gap >>>= 7
      }
      gaps.push(gap)
      values.push(quantized & 0xff)
    }
  }
  return {
    length: weights.length,
    scale,
    gaps: toBase64(Uint8Array.from(gaps)),
    values: toBase64(Uint8Array.from(values)),
  }
}

/** Throws on data that does not decode to `length` weights (a damaged stored version). */
export function unpackWeights(packed: PackedWeights): Float32Array {
  const weights = new Float32Array(packed.length)
  const gaps = fromBase64(packed.gaps)
  const values = new Int8Array(fromBase64(packed.values).buffer)
  let position = -1
  let read = 0
  for (const value of values) {
    let gap = 0
    let shift = 0
    for (;;) {
      const byte = gaps[read++]
      if (byte === undefined) throw new Error('packed weights are truncated')
      gap |= (byte & 0x7f) << shift
      if (byte < 0x80) break
      shift += 7
    }
    position += gap
    if (position >= packed.length) throw new Error('packed weights overflow their length')
    weights[position] = value * packed.scale
  }
  return weights
}
