import { apiRequest } from '../api-client.ts'
import type { ConnectionTestResult, ProviderView } from './provider-model.ts'

const base = '/api/providers'
const path = (name: string) => `${base}/${encodeURIComponent(name)}`

export async function listProviders(): Promise<{
  providers: ProviderView[]
  defaultProvider: string
}> {
  return (await apiRequest('GET', base)) as { providers: ProviderView[]; defaultProvider: string }
}

export async function createProvider(body: Record<string, string>): Promise<void> {
  await apiRequest('POST', base, body)
}

export async function updateProvider(name: string, body: Record<string, string | null>) {
  await apiRequest('PUT', path(name), body)
}

export async function deleteProvider(name: string): Promise<void> {
  await apiRequest('DELETE', path(name))
}

export async function makeDefaultProvider(name: string): Promise<void> {
  await apiRequest('POST', `${path(name)}/default`)
}

export async function testProvider(name: string): Promise<ConnectionTestResult> {
  return (await apiRequest('POST', `${path(name)}/test`)) as ConnectionTestResult
}
