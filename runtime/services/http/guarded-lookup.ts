import { lookup as dnsLookup } from 'node:dns/promises'
import type { LookupFunction } from 'node:net'
import type { AddressPolicy } from './address-policy.ts'

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Resolves a host name to its addresses; tests inject one so that they need no DNS. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>

export const systemResolveHost: ResolveHost = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true })
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }))
}

/**
 * The `lookup` the socket connects with: it resolves the name and checks every address before
 * handing one over. Checking here, not before the request, means the address checked is the
 * address connected to, so a DNS answer that changes in between (rebinding) cannot slip past.
 */
export function guardedLookup(policy: AddressPolicy, resolveHost: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname)
      .then((addresses) => {
        if (addresses.length === 0) throw notFound(hostname)
        // Every answer must pass: a name that resolves to one public and one private address is
        // refused rather than trusted to connect to the public one.
        for (const { address } of addresses) policy.check(hostname, address)
        const wanted = options.family === 6 || options.family === 4 ? options.family : undefined
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses
        if (usable.length === 0) throw notFound(hostname)
        if (options.all) {
          callback(null, usable)
          return
        }
        const [first] = usable
        if (!first) throw notFound(hostname)
        callback(null, first.address, first.family)
      })
      .catch((error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), '', 0)
      })
  }
}

function notFound(hostname: string): Error {
  return Object.assign(new Error(`Host ${hostname} has no usable address`), { code: 'ENOTFOUND' })
}
