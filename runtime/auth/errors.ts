import { AppError } from '../../shared/index.ts'

/** Signed in, but the role (or the API key's scope) does not allow this route. */
export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action') {
    super('forbidden', message)
  }
}

/** Same answer for an unknown login, a wrong password and a disabled user: nothing leaks. */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super('invalid_credentials', 'User name or password is wrong')
  }
}

export class AccountLockedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('account_locked', `Too many wrong passwords: try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    })
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('csrf_failed', 'Missing or wrong X-CSRF-Token header for a signed-in write')
  }
}

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super('password_change_required', 'Set a new password first (POST /api/auth/password)')
  }
}

export class UserNotFoundError extends AppError {
  constructor(userId: string) {
    super('user_not_found', `User ${userId} does not exist`, { userId })
  }
}

export class UserExistsError extends AppError {
  constructor(field: 'username' | 'email', value: string) {
    super('user_exists', `A user with this ${field} already exists: ${value}`, { field, value })
  }
}

export class LastAdminError extends AppError {
  constructor() {
    super('last_admin', 'This is the last active admin: make another admin first')
  }
}

export class ApiKeyNotFoundError extends AppError {
  constructor(apiKeyId: string) {
    super('api_key_not_found', `API key ${apiKeyId} does not exist`, { apiKeyId })
  }
}
