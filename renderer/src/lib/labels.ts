// The labels live with the shared code so the exports write exactly what the screen shows.
export * from '../../../electron/shared/labels'
