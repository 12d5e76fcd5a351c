// An OAI client on the simulator that writes down each event as `CODE@device STATE cause`, the
// device being the one whose monitor it came under (`-` for a blank state).
import { OaiClient } from '../../../bridge/oai/client';
import type { OaiEvent } from '../../../bridge/oai/messages';
import type { OaiSimulator } from '../server';

export interface Observer {
    client: OaiClient;
    events: OaiEvent[];
    /** The events since the last call, e.g. `DE@2001 A 22`. */
    take(): string[];
    until(predicate: (event: OaiEvent) => boolean): Promise<OaiEvent>;
    /** Resolves once every line the simulator sent before now has been read. */
    settle(): Promise<void>;
}

export async function observe(
    simulator: OaiSimulator,
    clients: OaiClient[],
    extensions = ['2001', '2002', '2003'],
    huntGroups = ['2100']
): Promise<Observer> {
    const client = new OaiClient({
        host: '127.0.0.1',
        port: simulator.port,
        password: '',
        applicationName: 'sim-test',
        extensions,
        huntGroups,
        confirmationTimeoutMs: 1000
    });
    clients.push(client);
    const events: OaiEvent[] = [];
    client.on('event', (event) => events.push(event));
    const ready = new Promise<void>((resolve) => client.on('resynced', resolve));
    client.start();
    await ready;
    let taken = events.length;
    const deviceOf = (monCrossRefId: string) =>
        [...client.monitors].find(([, id]) => id === monCrossRefId)?.[0] ?? `?${monCrossRefId}`;
    return {
        client,
        events,
        take() {
            const slice = events.slice(taken);
            taken = events.length;
            return slice.map((event) => {
                const at = 'monCrossRefId' in event ? deviceOf(event.monCrossRefId) : '';
                const state = 'localState' in event ? ` ${event.localState ?? '-'}` : '';
                const cause = 'cause' in event && event.cause !== undefined ? ` ${event.cause}` : '';
                const dnd = event.code === 'DND' ? ` ${event.enabled ? 'on' : 'off'}` : '';
                return `${event.code}${at ? `@${at}` : ''}${state}${cause}${dnd}`;
            });
        },
        until(predicate) {
            const found = events.slice(taken).find(predicate);
            if (found) return Promise.resolve(found);
            return new Promise((resolve) => {
                const off = client.on('event', (event) => {
                    if (predicate(event)) {
                        off();
                        resolve(event);
                    }
                });
            });
        },
        async settle() {
            await client.send({ code: '_NO' });
        }
    };
}

export const is =
    (code: OaiEvent['code'], extra: (event: OaiEvent) => boolean = () => true) =>
    (event: OaiEvent) =>
        event.code === code && extra(event);
