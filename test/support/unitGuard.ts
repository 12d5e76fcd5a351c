// The unit project's rule, enforced: a unit test opens no socket, starts no server and spawns no
// process. Each attempt throws where it is made, also while the test file loads, and fails the test
// even when the code under test swallows the error (a client that retries, say). A test that needs
// any of these belongs in the integration project (test/integration, *.integration.test.ts) or the
// tools project (test/tools, *.tools.test.ts).
import childProcess from 'node:child_process';
import net from 'node:net';

type Refusal = (() => never) & { original: unknown };

const attempts: string[] = [];
const patched: { target: Record<string, unknown>; name: string; original: unknown }[] = [];

function forbid(target: object, name: string, what: string): void {
    const slots = target as Record<string, unknown>;
    // Node's modules are shared by the test files a worker runs: never take a refusal for the original.
    const current = slots[name] as Partial<Refusal>;
    const original = current.original ?? current;
    const refused = Object.assign(
        (): never => {
            const message = `a unit test may not ${what}; move it to the integration or tools project (see test/support/unitGuard.ts)`;
            attempts.push(message);
            throw new Error(message);
        },
        { original }
    );
    slots[name] = refused;
    patched.push({ target: slots, name, original });
}

// Every TCP, TLS and IPC client (net.connect, tls.connect, http(s), ws, fetch) connects a net.Socket.
forbid(net.Socket.prototype, 'connect', 'open a socket');
// Every server (net, tls, http(s), ws) listens through net.Server.
forbid(net.Server.prototype, 'listen', 'start a server');
// spawn, exec, execFile and fork all go through ChildProcess.prototype.spawn; the *Sync ones do not.
forbid(childProcess.ChildProcess.prototype, 'spawn', 'spawn a process');
for (const name of ['spawnSync', 'execSync', 'execFileSync']) forbid(childProcess, name, 'spawn a process');

afterEach(() => {
    const seen = attempts.splice(0);
    if (seen.length > 0) throw new Error(`${seen[0]} (${seen.length} attempt${seen.length > 1 ? 's' : ''})`);
});

afterAll(() => {
    for (const { target, name, original } of patched.splice(0).reverse()) target[name] = original;
});
