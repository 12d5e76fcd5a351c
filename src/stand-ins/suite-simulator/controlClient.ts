// Calls the simulator's control API as its guard requires (JSON, no browser Origin) and fails
// loudly when a call is refused, so a test never carries on after a step that did not happen.
export async function callControl(
    controlUrl: string,
    method: string,
    path: string,
    body?: unknown
): Promise<unknown> {
    const response = await fetch(`${controlUrl}${path}`, {
        method,
        headers: method === 'GET' ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
}
