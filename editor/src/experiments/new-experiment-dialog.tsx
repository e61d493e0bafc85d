import { type FormEvent, useEffect, useState } from 'react'
import {
  type ExperimentKpi,
  experimentKpiNames,
  primaryKpiSchema,
  type SampleSizeEstimate,
} from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import { marginFromInput } from './experiment-format.ts'
import {
  changeStatus,
  createExperiment,
  estimateSampleSize,
  type FlowChoice,
  listFlowChoices,
  listVersionNumbers,
} from './experiments-api.ts'

interface VariantRow {
  /** A stable React key while rows are added and removed. */
  key: string
  name: string
  version: number
  weight: number
}

interface GuardrailRow {
  key: string
  kpi: ExperimentKpi
  /** Percentage points for rates, the KPI's unit otherwise. */
  margin: number
}

const primaryKpis = primaryKpiSchema.options

/** Create an experiment: flow, variants with weights, primary KPI, guardrails, sample size. */
export function NewExperimentDialog(props: { onClose(): void; onCreated(id: string): void }) {
  const t = useT()
  const [flows, setFlows] = useState<FlowChoice[]>([])
  const [flowId, setFlowId] = useState('')
  const [versions, setVersions] = useState<number[]>([])
  const [name, setName] = useState('')
  const [variants, setVariants] = useState<VariantRow[]>([])
  const [primaryKpi, setPrimaryKpi] = useState<(typeof primaryKpis)[number]>(
    'automationResolutionRate',
  )
  const [guardrails, setGuardrails] = useState<GuardrailRow[]>([
    { key: crypto.randomUUID(), kpi: 'handoffRate', margin: 5 },
  ])
  const [baselinePercent, setBaselinePercent] = useState(70)
  const [mdePoints, setMdePoints] = useState(5)
  const [alpha, setAlpha] = useState(0.05)
  const [power, setPower] = useState(0.8)
  const [minConversations, setMinConversations] = useState(100)
  const [isStartingNow, setIsStartingNow] = useState(true)
  const [estimate, setEstimate] = useState<SampleSizeEstimate | null>(null)
  const [error, setError] = useState('')
  const [isSaving, setIsSaving] = useState(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once; `t` changes per render
  useEffect(() => {
    listFlowChoices().then(
      (all) => {
        const published = all.filter((f) => f.latestVersion !== null)
        setFlows(published)
        // Start with a flow that has two versions to compare, when there is one.
        const first = published.find((f) => (f.latestVersion ?? 0) >= 2) ?? published[0]
        if (first) setFlowId(first.id)
      },
      (e: unknown) => setError(t('common.error', { message: errorMessage(e) })),
    )
  }, [])

  useEffect(() => {
    if (!flowId) return
    listVersionNumbers(flowId).then(
      (numbers) => {
        setVersions(numbers)
        const [latest, previous] = numbers
        const rows: VariantRow[] = []
        if (previous !== undefined) {
          rows.push({ key: crypto.randomUUID(), name: 'A', version: previous, weight: 50 })
        }
        if (latest !== undefined)
          rows.push({
            key: crypto.randomUUID(),
            name: rows.length ? 'B' : 'A',
            version: latest,
            weight: 50,
          })
        setVariants(rows)
      },
      (e: unknown) => setError(errorMessage(e)),
    )
  }, [flowId])

  const weights = variants.map((v) => v.weight)
  const weightsKey = weights.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: weightsKey stands for weights
  useEffect(() => {
    if (weights.length < 2 || weights.filter((w) => w > 0).length < 2) {
      setEstimate(null)
      return
    }
    const timer = setTimeout(() => {
      estimateSampleSize({
        baseline: baselinePercent / 100,
        mde: mdePoints / 100,
        alpha,
        power,
        weights,
      }).then(setEstimate, () => setEstimate(null))
    }, 250)
    return () => clearTimeout(timer)
  }, [baselinePercent, mdePoints, alpha, power, weightsKey])

  const updateVariant = (index: number, change: Partial<VariantRow>) =>
    setVariants((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)))
  const updateGuardrail = (index: number, change: Partial<GuardrailRow>) =>
    setGuardrails((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setIsSaving(true)
    setError('')
    try {
      const created = await createExperiment({
        flowId,
        name: name.trim(),
        variants: variants.map(({ key: _key, ...variant }) => variant),
        primaryKpi,
        guardrails: guardrails.map((g) => ({
          kpi: g.kpi,
          margin: marginFromInput(g.kpi, g.margin),
        })),
        alpha,
        power,
        mde: mdePoints / 100,
        baseline: baselinePercent / 100,
        minConversations,
      })
      if (isStartingNow) await changeStatus(created.id, 'start')
      props.onCreated(created.id)
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
      setIsSaving(false)
    }
  }

  return (
    <Modal title={t('experiments.new')} onClose={props.onClose} className="experiment-dialog">
      <form onSubmit={submit} className="experiment-form">
        <div className="form-grid">
          <label>
            {t('experiments.flow')}
            <select value={flowId} onChange={(e) => setFlowId(e.target.value)} required>
              {flows.map((flow) => (
                <option key={flow.id} value={flow.id}>
                  {flow.name} ({flow.id})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('experiments.name')}
            <input
              required
              maxLength={120}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        </div>
        {flows.length === 0 && <p className="hint">{t('experiments.noPublishedFlows')}</p>}

        <fieldset>
          <legend>{t('experiments.variants')}</legend>
          <p className="hint">{t('experiments.variantsHint')}</p>
          {versions.length === 1 && <p className="hint">{t('experiments.oneVersion')}</p>}
          {variants.map((variant, index) => (
            <div className="experiment-row" key={variant.key} data-testid="variant-row">
              <input
                aria-label={t('experiments.variantName')}
                value={variant.name}
                onChange={(e) => updateVariant(index, { name: e.target.value })}
                required
              />
              <select
                aria-label={t('experiments.version')}
                value={variant.version}
                onChange={(e) => updateVariant(index, { version: Number(e.target.value) })}
              >
                {versions.map((v) => (
                  <option key={v} value={v}>
                    {t('experiments.versionN', { version: v })}
                  </option>
                ))}
              </select>
              <input
                aria-label={t('experiments.weight')}
                type="number"
                min={0}
                max={1000}
                value={variant.weight}
                onChange={(e) => updateVariant(index, { weight: Number(e.target.value) })}
              />
              <button
                type="button"
                className="ghost"
                disabled={variants.length <= 2}
                onClick={() => setVariants((rows) => rows.filter((_, i) => i !== index))}
              >
                {t('experiments.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            disabled={versions.length === 0}
            onClick={() =>
              setVariants((rows) => [
                ...rows,
                {
                  key: crypto.randomUUID(),
                  name: String.fromCharCode(65 + rows.length),
                  version: versions[0] ?? 1,
                  weight: 50,
                },
              ])
            }
          >
            {t('experiments.addVariant')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('experiments.goal')}</legend>
          <div className="form-grid">
            <label>
              {t('experiments.primaryKpi')}
              <select
                value={primaryKpi}
                onChange={(e) => setPrimaryKpi(primaryKpiSchema.parse(e.target.value))}
              >
                {primaryKpis.map((kpi) => (
                  <option key={kpi} value={kpi}>
                    {t(`experiments.kpi.${kpi}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('experiments.baseline')}
              <input
                type="number"
                min={1}
                max={99}
                value={baselinePercent}
                onChange={(e) => setBaselinePercent(Number(e.target.value))}
              />
            </label>
            <label>
              {t('experiments.mde')}
              <input
                type="number"
                min={0.5}
                max={50}
                step={0.5}
                value={mdePoints}
                onChange={(e) => setMdePoints(Number(e.target.value))}
              />
            </label>
            <label>
              {t('experiments.alpha')}
              <input
                type="number"
                min={0.001}
                max={0.2}
                step={0.001}
                value={alpha}
                onChange={(e) => setAlpha(Number(e.target.value))}
              />
            </label>
            <label>
              {t('experiments.power')}
              <input
                type="number"
                min={0.5}
                max={0.99}
                step={0.01}
                value={power}
                onChange={(e) => setPower(Number(e.target.value))}
              />
            </label>
            <label>
              {t('experiments.minConversations')}
              <input
                type="number"
                min={10}
                value={minConversations}
                onChange={(e) => setMinConversations(Number(e.target.value))}
              />
            </label>
          </div>
          <p className="notice" data-testid="sample-size-estimate">
            {estimate
              ? t('experiments.sampleSize', {
                  perVariant: estimate.perVariant,
                  total: estimate.total,
                  fixed: estimate.fixedHorizonPerVariant,
                })
              : t('experiments.sampleSizeUnknown')}
          </p>
        </fieldset>

        <fieldset>
          <legend>{t('experiments.guardrails')}</legend>
          <p className="hint">{t('experiments.guardrailsHint')}</p>
          {guardrails.map((guardrail, index) => (
            <div className="experiment-row" key={guardrail.key}>
              <select
                aria-label={t('experiments.guardrailKpi')}
                value={guardrail.kpi}
                onChange={(e) => {
                  const kpi = experimentKpiNames.find((k) => k === e.target.value)
                  if (kpi) updateGuardrail(index, { kpi })
                }}
              >
                {experimentKpiNames.map((kpi) => (
                  <option key={kpi} value={kpi}>
                    {t(`experiments.kpi.${kpi}`)}
                  </option>
                ))}
              </select>
              <input
                aria-label={t('experiments.margin')}
                type="number"
                min={0}
                step="any"
                value={guardrail.margin}
                onChange={(e) => updateGuardrail(index, { margin: Number(e.target.value) })}
              />
              <button
                type="button"
                className="ghost"
                onClick={() => setGuardrails((rows) => rows.filter((_, i) => i !== index))}
              >
                {t('experiments.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              setGuardrails((rows) => [
                ...rows,
                { key: crypto.randomUUID(), kpi: 'abandonmentRate', margin: 5 },
              ])
            }
          >
            {t('experiments.addGuardrail')}
          </button>
        </fieldset>

        <label className="checkbox">
          <input
            type="checkbox"
            checked={isStartingNow}
            onChange={(e) => setIsStartingNow(e.target.checked)}
          />
          {t('experiments.startNow')}
        </label>
        {error && (
          <p role="alert" className="notice error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={isSaving || !flowId || variants.length < 2 || name.trim() === ''}
          >
            {t('experiments.create')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
