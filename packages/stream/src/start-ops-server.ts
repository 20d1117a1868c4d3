import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

/** What the ops server asks the runner. */
export interface OpsSource {
  registry: Registry
  /** Null when ready, else why not. */
  notReadyReason: () => string | null
  /** Extra readiness detail for humans. */
  describe: () => unknown
}

/** Starts /healthz, /readyz and /metrics on `port` (0 picks a free one); resolves with the server and its URL. */
export async function startOpsServer(
  source: OpsSource,
  port: number,
  host = '0.0.0.0',
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
      res.end(body)
    }
    if (path === '/healthz') return send(200, 'application/json', JSON.stringify({ status: 'ok' }))
    if (path === '/readyz') {
      const reason = source.notReadyReason()
      const body = JSON.stringify({
        status: reason ? 'not ready' : 'ready',
        reason,
        ...(source.describe() as object),
      })
      return send(reason ? 503 : 200, 'application/json', body)
    }
    if (path === '/metrics') {
      source.registry.metrics().then(
        (text) => send(200, source.registry.contentType, text),
        (err: Error) => send(500, 'text/plain', err.message),
      )
      return
    }
    send(404, 'text/plain', 'not found\n')
  })
  // A scrape in flight must not hold up shutdown.
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return { server, url: `http://${shownHost}:${address.port}` }
}

/** Closes the server, dropping idle keep-alive connections. */
export function closeOpsServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
