// Starts a pipeline worker from TypeScript sources (CLI, tests, web host under tsx): loader hooks
// registered in the parent thread do not reach a worker, so the worker registers tsx itself.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.tsEntry)
