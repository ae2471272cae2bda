/**
 * A stand-in for a HashiCorp Vault server (which can't be installed on our test machines),
 * following its documented HTTP API for the KV version 2 secrets engine as Keyflow uses it:
 *   GET /v1/<mount>/data/<path>   with X-Vault-Token
 *   200 { request_id, lease_id, renewable, lease_duration, data: { data: {…}, metadata: {…} }, … }
 *   403 { errors: ["permission denied"] } for a missing or wrong token
 *   404 { errors: [] } for a path with no secret
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VaultStandIn {
  address: string;
  /** mount → path → fields */
  secrets: Map<string, Map<string, Record<string, unknown>>>;
  token: string;
  requests: { path: string; token: string | undefined }[];
  close(): Promise<void>;
}

export async function startVaultStandIn(token: string): Promise<VaultStandIn> {
  const secrets = new Map<string, Map<string, Record<string, unknown>>>();
  const requests: VaultStandIn['requests'] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://vault');
    const given = request.headers['x-vault-token'] as string | undefined;
    requests.push({ path: url.pathname, token: given });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (given !== token) return send(403, { errors: ['permission denied'] });
    const match = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(url.pathname);
    const data = match ? secrets.get(decodeURIComponent(match[1]!))?.get(match[2]!.split('/').map(decodeURIComponent).join('/')) : undefined;
    if (request.method !== 'GET' || !data) return send(404, { errors: [] });
    send(200, {
      request_id: 'b0f5a2a4-0000-4000-8000-000000000000',
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: { data, metadata: { created_time: '2026-01-01T00:00:00Z', custom_metadata: null, deletion_time: '', destroyed: false, version: 1 } },
      wrap_info: null,
      warnings: null,
      auth: null,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    secrets,
    token,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
