import type { HostFetchRequest, HostFetchResponse, RunCodeHost } from '../../../electron/core/run-code/sandbox';

/** A host that records what the sandbox hands it; its fetch is the test's to define. */
export function recordingHost(
  fetch: (request: HostFetchRequest, options: { signal: AbortSignal }) => Promise<HostFetchResponse> = () => Promise.reject(new Error('no network in this test')),
) {
  const lines: string[] = [];
  const requests: HostFetchRequest[] = [];
  const signals: AbortSignal[] = [];
  const host: RunCodeHost = {
    log: (line) => lines.push(line),
    fetch: (request, options) => {
      requests.push(request);
      signals.push(options.signal);
      return fetch(request, options);
    },
  };
  return { host, lines, requests, signals };
}
