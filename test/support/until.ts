// Waits for a condition that something else makes true (a server, a child process, a socket): asks
// `probe` every 50 ms and resolves with its first truthy answer, or fails naming what it waited for.
export async function until<T>(
    probe: () => T | undefined | false | Promise<T | undefined | false>,
    what = 'the condition',
    timeoutMs = 5000
): Promise<T> {
    const started = Date.now();
    for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
