/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { RendererApi } from '../../electron/shared/ipc'

declare global {
  interface Window {
    api: RendererApi
  }
}

export {}
