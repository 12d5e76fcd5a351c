// The two phone systems the contract server serves, for its own tests: the simulated Suite and the OAI
// bridge's phone system in front of the OAI PBX simulator, each wired to a hub as its server would be.
import { Directory } from '../../bridge/directory';
import { OaiSimulator } from '../../stand-ins/oai-pbx-simulator/server';
import { OaiPhoneSystem } from '../../bridge/phoneSystem';
import { defaultConfig, suiteConfig } from '../../stand-ins/suite-simulator/config';
import { SimulatedSuite } from '../../stand-ins/suite-simulator/suite';
import { ContractHub } from '../hub';
import type { PhoneSystem } from '../phoneSystem';
import { DEFAULT_SETTINGS, type ServerSettings } from '../settings';

export type PhoneSystemKind = 'suite' | 'oai';

export interface TestPhoneSystem {
    hub: ContractHub;
    phone: PhoneSystem;
    /** An outside caller rings alice@example.com's extension 2001; resolves with the contract call id. */
    ring(number: string): Promise<string>;
    stop(): Promise<void>;
}

export const TEST_SETTINGS: ServerSettings = {
    ...DEFAULT_SETTINGS,
    allowedOrigins: ['https://acme--c.vf.force.com']
};

export async function until<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const started = Date.now();
    for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() - started > timeoutMs) throw new Error('timed out');
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

export async function startPhoneSystem(
    kind: PhoneSystemKind,
    now: () => number = Date.now
): Promise<TestPhoneSystem> {
    const settings = structuredClone(TEST_SETTINGS);
    if (kind === 'suite') {
        const suite = new SimulatedSuite(suiteConfig(defaultConfig()));
        const hub = new ContractHub(suite, settings, now);
        suite.onChange = (change) => hub.change(change);
        return {
            hub,
            phone: suite,
            ring: async (number) => suite.ringInbound('2001', { number, name: 'ACME LTD' }).callId,
            stop: async () => undefined
        };
    }
    const pbx = new OaiSimulator();
    await pbx.start();
    const wired: { hub?: ContractHub } = {};
    const phone = new OaiPhoneSystem({
        oai: {
            host: '127.0.0.1',
            port: pbx.port,
            password: '',
            applicationName: 'server-test',
            huntGroups: [],
            backoff: { baseMs: 20, maxMs: 100 }
        },
        extensions: ['2001', '2002'],
        directory: new Directory([
            { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }
        ]),
        onChange: (change) => wired.hub?.change(change),
        onResynced: () => wired.hub?.change({ kind: 'resynced' })
    });
    const hub = new ContractHub(phone, settings, now);
    wired.hub = hub;
    phone.start();
    await until(() => phone.pbxConnected);
    return {
        hub,
        phone,
        async ring(number) {
            const oaiCallId = pbx.pbx.inbound('2001', { number, name: 'ACME LTD' });
            return until(() => phone.callIdOf('2001', oaiCallId));
        },
        async stop() {
            phone.stop();
            await pbx.stop();
        }
    };
}
