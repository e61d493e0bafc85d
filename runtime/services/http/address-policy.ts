import { BlockList, isIP } from 'node:net'
import { OutboundBlockedError } from '../../../shared/index.ts'

/** What outbound requests may reach besides the public internet (HTTP_ALLOWED_* settings). */
export interface AllowList {
  /** Host names allowed whatever they resolve to: `crm.corp.local`, or `*.corp.local`. */
  hosts?: readonly string[]
  /** Addresses or ranges allowed although private: `10.1.2.3`, `10.0.0.0/8`, `fd00::/8`. */
  cidrs?: readonly string[]
}

export interface AddressPolicy {
  /** Throws OutboundBlockedError unless `address` (what `host` resolved to) may be reached. */
  check(host: string, address: string): void
  isHostAllowed(host: string): boolean
}

type Family = 'ipv4' | 'ipv6'

// Not reachable on purpose from a flow: loopback, private, link-local (cloud metadata lives at
// 169.254.169.254), carrier NAT, multicast, reserved and "this network" ranges.
const blockedRanges: readonly [string, number, Family, string][] = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['fec0::', 10, 'ipv6', 'a site-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
]

const metadataAddresses = new Set(['169.254.169.254', 'fd00:ec2::254'])

/**
 * Builds the SSRF policy. Parses the allow-list at once, so a bad CIDR in the settings stops
 * the server at start rather than failing requests later.
 */
export function createAddressPolicy(allow: AllowList = {}): AddressPolicy {
  const allowed = new BlockList()
  for (const cidr of allow.cidrs ?? []) addCidr(allowed, cidr)
  const hostPatterns = (allow.hosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean)
  const isHostAllowed = (host: string) => {
    const name = stripBrackets(host).toLowerCase()
    return hostPatterns.some((pattern) =>
      pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern,
    )
  }
  return {
    isHostAllowed,
    check(host, address) {
      if (isHostAllowed(host)) return
      const normalized = normalizeAddress(address)
      if (!normalized) throw new OutboundBlockedError(host, address, 'not an IP address')
      if (allowed.check(normalized.address, normalized.family)) return
      const reason = blockReason(normalized.address, normalized.family)
      if (reason) throw new OutboundBlockedError(host, address, reason)
    },
  }
}

/** Why an address is refused, or undefined for a public one. */
export function blockReason(address: string, family: Family): string | undefined {
  if (metadataAddresses.has(address)) return 'a cloud metadata address'
  for (const [network, prefix, rangeFamily, reason] of blockedRanges) {
    if (rangeFamily !== family) continue
    const list = new BlockList()
    list.addSubnet(network, prefix, rangeFamily)
    if (list.check(address, family)) return reason
  }
  return undefined
}

/**
 * IPv6 forms that carry an IPv4 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`, NAT64
 * `64:ff9b::a00:1`) are judged as that IPv4 address, so they cannot smuggle one past the check.
 */
export function normalizeAddress(raw: string): { address: string; family: Family } | undefined {
  const address = stripBrackets(raw).split('%')[0] ?? ''
  const version = isIP(address)
  if (version === 4) return { address, family: 'ipv4' }
  if (version !== 6) return undefined
  const embedded = embeddedIpv4(address.toLowerCase())
  return embedded ? { address: embedded, family: 'ipv4' } : { address, family: 'ipv6' }
}

function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address)
  if (!groups) return undefined
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff
  const isCompatible = groups.slice(0, 6).every((g) => g === 0) && (groups[6] ?? 0) !== 0
  const isNat64 =
    groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)
  if (!isMapped && !isCompatible && !isNat64) return undefined
  const high = groups[6] ?? 0
  const low = groups[7] ?? 0
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
}

/** The eight 16-bit groups of a valid IPv6 address (dotted IPv4 tail allowed). */
function expandIpv6(address: string): number[] | undefined {
  let text = address
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted?.[1]) {
    const octets = dotted[1].split('.').map(Number)
    const [a = 0, b = 0, c = 0, d = 0] = octets
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16))
  const headGroups = parse(head)
  const tailGroups = tail === undefined ? [] : parse(tail)
  const missing = 8 - headGroups.length - tailGroups.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined
  return [...headGroups, ...new Array<number>(missing).fill(0), ...tailGroups]
}

function addCidr(list: BlockList, cidr: string): void {
  const [network = '', prefixText] = cidr.trim().split('/')
  const normalized = normalizeAddress(network)
  if (!normalized) throw new Error(`Not an IP address or CIDR range: "${cidr}"`)
  const maxPrefix = normalized.family === 'ipv4' ? 32 : 128
  const isSameFamily = normalized.address === stripBrackets(network)
  // A mapped IPv6 network was turned into IPv4 above: its prefix counts the IPv4 bits.
  const prefix =
    prefixText === undefined
      ? maxPrefix
      : Number(prefixText) - (isSameFamily || normalized.family === 'ipv6' ? 0 : 96)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
    throw new Error(`Bad prefix length in "${cidr}"`)
  }
  list.addSubnet(normalized.address, prefix, normalized.family)
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}
