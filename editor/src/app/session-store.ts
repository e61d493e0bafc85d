import { create } from 'zustand'

const tokenKey = 'switchboard.token'

interface SessionState {
  token: string
  setToken(token: string): void
}

/** The admin token (issue #8 brings real sign-in); kept in localStorage like the locale. */
export const useSessionStore = create<SessionState>((set) => ({
  token: typeof localStorage === 'undefined' ? '' : (localStorage.getItem(tokenKey) ?? ''),
  setToken(token) {
    localStorage.setItem(tokenKey, token)
    set({ token })
  },
}))
