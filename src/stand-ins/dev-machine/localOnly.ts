// Guards for the developer machine's local APIs (the simulator's control API, the workbench's
// /api): a web page the developer visits must not drive them. A cross-site "simple" POST (a form,
// or fetch with text/plain) carries a foreign Origin and cannot set Content-Type: application/json
// without a CORS preflight these servers never answer; a DNS-rebinding page reaches the port under
// its own host name, so the Host header gives it away even for a GET.
import type { IncomingMessage } from 'node:http';

export interface LocalOnlyPolicy {
    /** Host names this server is reached by (without the port), e.g. localhost, 127.0.0.1. */
    hosts: readonly string[];
    port: number;
    /** Origins whose pages may call the API (a browser page of this server); others are refused. */
    origins: readonly string[];
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hostOf(header: string): string {
    // [::1]:8299 → ::1, localhost:8299 → localhost
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
    if (bracketed) return bracketed[1];
    return header.replace(/:\d+$/, '');
}

function portOf(header: string): string {
    return /:(\d+)$/.exec(header)?.[1] ?? '';
}

/** Why a request under a host name that is not this server's is refused (DNS rebinding), if it is. */
export function foreignHostReason(
    request: IncomingMessage,
    policy: Pick<LocalOnlyPolicy, 'hosts' | 'port'>
): string | undefined {
    const host = request.headers.host ?? '';
    if (!policy.hosts.includes(hostOf(host).toLowerCase()) || portOf(host) !== String(policy.port))
        return `Host ${host || '(none)'} is not this server`;
    return undefined;
}

/** Why the API request is refused, or undefined when it may proceed. */
export function foreignRequestReason(request: IncomingMessage, policy: LocalOnlyPolicy): string | undefined {
    const foreignHost = foreignHostReason(request, policy);
    if (foreignHost) return foreignHost;
    const origin = request.headers.origin;
    if (origin !== undefined && !policy.origins.includes(origin))
        return `Origin ${origin} may not use this API`;
    const method = request.method ?? 'GET';
    if (BODY_METHODS.has(method)) {
        const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== 'application/json') return `${method} needs Content-Type: application/json`;
    }
    return undefined;
}
