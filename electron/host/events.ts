/**
 * Pushes ApiEvents (job progress) to every connected browser tab as newline-delimited JSON,
 * with a periodic empty line so idle connections are not dropped.
 */
import type { ServerResponse } from 'node:http'
import type { ApiEvent } from '../api/contract'

const HEARTBEAT_MS = 20_000

export class EventStreams {
  private readonly streams = new Set<ServerResponse>()
  private readonly heartbeat: NodeJS.Timeout

  constructor() {
    this.heartbeat = setInterval(() => this.write('\n'), HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  /** How many tabs are listening now. */
  get listenerCount(): number {
    return this.streams.size
  }

  /** Keeps the response open and sends it every event from now on. */
  attach(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
    })
    response.write('\n')
    this.streams.add(response)
    response.on('close', () => this.streams.delete(response))
  }

  publish(event: ApiEvent): void {
    this.write(JSON.stringify(event) + '\n')
  }

  /** Ends every stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.heartbeat)
    for (const response of this.streams) response.end()
    this.streams.clear()
  }

  private write(text: string): void {
    for (const response of this.streams) response.write(text)
  }
}
