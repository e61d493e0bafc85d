import { AppError } from '../../shared/index.ts'

export class ExperimentNotFoundError extends AppError {
  constructor(experimentId: string) {
    super('experiment_not_found', `Experiment ${experimentId} does not exist`, { experimentId })
  }
}

/** A lifecycle step that the experiment's state does not allow (e.g. starting a stopped one). */
export class ExperimentConflictError extends AppError {
  constructor(experimentId: string, message: string, details: Record<string, unknown> = {}) {
    super('experiment_conflict', message, { experimentId, ...details })
  }
}
