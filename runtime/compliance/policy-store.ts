import { asc, eq } from 'drizzle-orm'
import {
  type CompliancePolicy,
  compliancePolicySchema,
  compliancePresets,
  type Industry,
  PolicyExistsError,
  PolicyInUseError,
  PolicyNotFoundError,
  PolicyReadOnlyError,
} from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { compliancePolicies } from '../storage/schema.ts'

export interface PolicySummary {
  id: string
  name: string
  description: string
  industry: Industry
  isBuiltIn: boolean
  ruleCount: number
  /** Null for a built-in preset. */
  updatedAt: string | null
}

export interface StoredPolicy {
  policy: CompliancePolicy
  isBuiltIn: boolean
  revision: number
  createdAt: string | null
  updatedAt: string | null
}

type PolicyRow = typeof compliancePolicies.$inferSelect

/**
 * Compliance policies: the built-in presets (read-only, from code) and the workspace's own
 * (SQLite). A workspace policy id never shadows a preset id.
 */
export class PolicyStore {
  // Parsing a policy costs more than checking a reply; a parse is reused until the revision changes.
  private readonly parsed = new Map<string, { revision: number; policy: CompliancePolicy }>()

  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<PolicySummary[]> {
    const presets = [...compliancePresets.values()].map((policy) => summary(policy, true, null))
    const own = this.database.db
      .select()
      .from(compliancePolicies)
      .orderBy(asc(compliancePolicies.id))
      .all()
      .map((row) => summary(parseRow(row), false, row.updatedAt))
    return [...presets, ...own]
  }

  async get(policyId: string): Promise<StoredPolicy> {
    const preset = compliancePresets.get(policyId)
    if (preset) {
      return { policy: preset, isBuiltIn: true, revision: 0, createdAt: null, updatedAt: null }
    }
    const row = this.findRow(policyId)
    if (!row) throw new PolicyNotFoundError(policyId)
    return {
      policy: parseRow(row),
      isBuiltIn: false,
      revision: row.revision,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }
  }

  /** The policy to apply, fast: presets from memory, workspace policies parsed once per revision. */
  async resolve(policyId: string): Promise<CompliancePolicy> {
    const preset = compliancePresets.get(policyId)
    if (preset) return preset
    const current = this.database.db
      .select({ revision: compliancePolicies.revision })
      .from(compliancePolicies)
      .where(eq(compliancePolicies.id, policyId))
      .get()
    if (!current) throw new PolicyNotFoundError(policyId)
    const cached = this.parsed.get(policyId)
    if (cached?.revision === current.revision) return cached.policy
    const row = this.findRow(policyId)
    if (!row) throw new PolicyNotFoundError(policyId)
    const policy = parseRow(row)
    this.parsed.set(policyId, { revision: row.revision, policy })
    return policy
  }

  async exists(policyId: string): Promise<boolean> {
    return compliancePresets.has(policyId) || this.findRow(policyId) !== undefined
  }

  async create(policy: CompliancePolicy): Promise<StoredPolicy> {
    if (compliancePresets.has(policy.id) || this.findRow(policy.id)) {
      throw new PolicyExistsError(policy.id)
    }
    const nowIso = new Date(this.now()).toISOString()
    this.database.db
      .insert(compliancePolicies)
      .values({
        id: policy.id,
        name: policy.name,
        document: policy,
        revision: 1,
        createdAt: nowIso,
        updatedAt: nowIso,
      })
      .run()
    return this.get(policy.id)
  }

  async save(policy: CompliancePolicy): Promise<StoredPolicy> {
    if (compliancePresets.has(policy.id)) throw new PolicyReadOnlyError(policy.id)
    const row = this.findRow(policy.id)
    if (!row) throw new PolicyNotFoundError(policy.id)
    this.database.db
      .update(compliancePolicies)
      .set({
        name: policy.name,
        document: policy,
        revision: row.revision + 1,
        updatedAt: new Date(this.now()).toISOString(),
      })
      .where(eq(compliancePolicies.id, policy.id))
      .run()
    return this.get(policy.id)
  }

  /** Refuses while a flow's draft or a published version of a live flow chooses the policy. */
  async delete(policyId: string): Promise<void> {
    if (compliancePresets.has(policyId)) throw new PolicyReadOnlyError(policyId)
    if (!this.findRow(policyId)) throw new PolicyNotFoundError(policyId)
    const users = await this.flowsUsing(policyId)
    if (users.length > 0) throw new PolicyInUseError(policyId, users)
    this.database.db.delete(compliancePolicies).where(eq(compliancePolicies.id, policyId)).run()
    this.parsed.delete(policyId)
  }

  /**
   * Ids of flows (not deleted) whose draft or any published version chooses the policy, as the
   * flow's policy or in a `compliance` node. Reads the flow documents with SQLite's JSON
   * functions; PostgreSQL would use `->>` and jsonb_array_elements.
   */
  async flowsUsing(policyId: string): Promise<string[]> {
    const uses = (column: string) =>
      `(json_extract(${column}, '$.settings.compliancePolicy') = @policyId OR EXISTS (
         SELECT 1 FROM json_each(${column}, '$.nodes') AS node
         WHERE json_extract(node.value, '$.type') = 'compliance'
           AND json_extract(node.value, '$.data.config.policy') = @policyId))`
    const rows = this.database.sqlite
      .prepare(
        `SELECT id FROM flows WHERE deleted_at IS NULL AND ${uses('draft')}
         UNION
         SELECT v.flow_id FROM flow_versions v JOIN flows f ON f.id = v.flow_id
           WHERE f.deleted_at IS NULL AND ${uses('v.document')}
         ORDER BY 1`,
      )
      .all({ policyId })
    return rows.flatMap((row) =>
      typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'string'
        ? [row.id]
        : [],
    )
  }

  private findRow(policyId: string): PolicyRow | undefined {
    return this.database.db
      .select()
      .from(compliancePolicies)
      .where(eq(compliancePolicies.id, policyId))
      .get()
  }
}

function parseRow(row: PolicyRow): CompliancePolicy {
  // Written by this store from a parsed policy; parsing again fills defaults added since.
  return compliancePolicySchema.parse(row.document)
}

function summary(
  policy: CompliancePolicy,
  isBuiltIn: boolean,
  updatedAt: string | null,
): PolicySummary {
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    industry: policy.industry,
    isBuiltIn,
    ruleCount: policy.rules.length,
    updatedAt,
  }
}
