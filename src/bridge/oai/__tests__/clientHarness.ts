// An OAI client against the OAI simulator over real loopback TCP, with what it reported.
import { OaiSimulator, type OaiSimulatorOptions } from '../../../stand-ins/oai-pbx-simulator/server';
import { OaiClient, type OaiClientOptions, type OaiLinkState } from '../client';
import type { OaiEvent, OaiLineError } from '../messages';

export const PASSWORD = 'secret';

export interface Harness {
    simulator: OaiSimulator;
    newClient(options?: Partial<OaiClientOptions>): Observed;
    stop(): Promise<void>;
}

export interface Observed {
    client: OaiClient;
    events: OaiEvent[];
    states: OaiLinkState[];
    lineErrors: { error: OaiLineError; first: boolean }[];
    /** Resolves once the client has reported the state `count` times since it was created. */
    reaches(wanted: OaiLinkState, count?: number): Promise<void>;
    eventMatching(predicate: (event: OaiEvent) => boolean): Promise<OaiEvent>;
}

export async function startHarness(options: OaiSimulatorOptions = {}): Promise<Harness> {
    const simulator = new OaiSimulator({ password: PASSWORD, ...options });
    await simulator.start();
    const clients: OaiClient[] = [];
    return {
        simulator,
        newClient(clientOptions = {}) {
            const client = new OaiClient({
                host: '127.0.0.1',
                port: simulator.port,
                password: PASSWORD,
                applicationName: 'bridge-test',
                extensions: ['2001', '2002'],
                huntGroups: ['2100'],
                confirmationTimeoutMs: 300,
                backoff: { baseMs: 20, maxMs: 200 },
                ...clientOptions
            });
            clients.push(client);
            return observe(client);
        },
        async stop() {
            for (const client of clients.splice(0)) client.stop();
            await simulator.stop();
        }
    };
}

function observe(client: OaiClient): Observed {
    const events: OaiEvent[] = [];
    const states: OaiLinkState[] = [];
    const lineErrors: Observed['lineErrors'] = [];
    client.on('event', (event) => events.push(event));
    client.on('state', (state) => states.push(state));
    client.on('lineError', (error, first) => lineErrors.push({ error, first }));
    return {
        client,
        events,
        states,
        lineErrors,
        reaches(wanted, count = 1) {
            const done = () => states.filter((state) => state === wanted).length >= count;
            return new Promise((resolve) => {
                if (done()) return resolve();
                const off = client.on('state', () => {
                    if (done()) {
                        off();
                        resolve();
                    }
                });
            });
        },
        eventMatching(predicate) {
            return new Promise((resolve) => {
                const off = client.on('event', (event) => {
                    if (predicate(event)) {
                        off();
                        resolve(event);
                    }
                });
            });
        }
    };
}
