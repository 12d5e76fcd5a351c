// What the contract server tells an operations team in Prometheus text format (prom-client): sessions,
// channels, calls, the phone system's link and counters, how long the phone system takes to confirm a
// command, and the requests it refused by reason. Read at scrape time from the hub, so nothing is
// counted twice; the confirmation latency is observed as it happens (ContractMetrics.observeConfirmation).
import { isIPv4, isIPv6, BlockList } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ContractHub } from './hub';

/** The confirmation latency's buckets, in seconds: a PBX answers in milliseconds, a slow one in seconds. */
const CONFIRMATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export class ContractMetrics {
    readonly registry = new Registry();
    private readonly confirmations = new Histogram({
        name: 'mivoice_confirmation_seconds',
        help: 'Time from a command sent to the phone system to its confirmation, by command',
        labelNames: ['command'],
        buckets: CONFIRMATION_BUCKETS,
        registers: [this.registry]
    });
    private readonly refusals = new Counter({
        name: 'mivoice_refusals_total',
        help: 'Requests and WebSocket upgrades refused (4xx), by the error code answered',
        labelNames: ['reason'],
        registers: [this.registry]
    });
    private watched = false;

    constructor(options: { processMetrics?: boolean } = {}) {
        if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    }

    observeConfirmation(command: string, elapsedMs: number): void {
        this.confirmations.observe({ command }, elapsedMs / 1000);
    }

    refused(reason: string): void {
        this.refusals.inc({ reason });
    }

    /**
     * The hub's figures, read at each scrape. `linkStates` lists every state the phone system's link
     * can be in, so each has a series (1 for the current one, 0 for the others).
     */
    watch(hub: ContractHub, linkStates: readonly string[] = []): void {
        if (this.watched) throw new Error('ContractMetrics already watches a hub');
        this.watched = true;
        const registers = [this.registry];
        this.reading('mivoice_sessions', 'Sessions open now', () => hub.sessions.size);
        this.reading('mivoice_channels', 'Event channels open now', () => hub.channels.openCount());
        this.reading(
            'mivoice_pbx_connected',
            'Whether the phone system link serves calls (1) or not (0)',
            () => (hub.phone.pbxConnected ? 1 : 0)
        );
        this.counting('mivoice_sessions_opened_total', 'Sessions opened', () => hub.counters.sessionsOpened);
        this.counting('mivoice_calls_total', 'Calls seen', () => hub.counters.callsSeen);
        for (const name of Object.keys(hub.phone.counters))
            this.counting(
                `mivoice_${snake(name)}_total`,
                `The phone system's ${name} counter`,
                () => hub.phone.counters[name] ?? 0
            );
        new Gauge({
            name: 'mivoice_link_state',
            help: "The phone system link's state: 1 for the current one",
            labelNames: ['state'],
            registers,
            collect() {
                this.reset();
                const current = hub.phone.linkState;
                for (const state of new Set([...linkStates, current]))
                    this.set({ state }, state === current ? 1 : 0);
            }
        });
    }

    private reading(name: string, help: string, read: () => number): void {
        new Gauge({
            name,
            help,
            registers: [this.registry],
            collect() {
                this.set(read());
            }
        });
    }

    /** A counter whose value the hub or the phone system keeps. */
    private counting(name: string, help: string, read: () => number): void {
        new Counter({
            name,
            help,
            registers: [this.registry],
            collect() {
                this.reset();
                this.inc(read());
            }
        });
    }
}

/** Who may read `/metrics`: addresses or CIDR ranges, and a bearer token that any address may show. */
export interface MetricsAccess {
    allowFrom: readonly string[];
    token?: string;
}

/** The entries of an allow-list that are neither an IP address nor a CIDR range. */
export function invalidAddresses(list: readonly string[]): string[] {
    return list.filter((entry) => {
        const [address, bits, extra] = entry.split('/');
        if (extra !== undefined || !(isIPv4(address) || isIPv6(address))) return true;
        if (bits === undefined) return false;
        const max = isIPv4(address) ? 32 : 128;
        return !/^\d{1,3}$/.test(bits) || Number(bits) > max;
    });
}

/** Whether `address` (as the socket reports it, IPv4 perhaps mapped into IPv6) is on the list. */
export function addressAllowed(list: readonly string[]): (address: string | undefined) => boolean {
    const blocks = new BlockList();
    for (const entry of list) {
        const [address, bits] = entry.split('/');
        const family = isIPv4(address) ? 'ipv4' : 'ipv6';
        if (bits === undefined) blocks.addAddress(address, family);
        else blocks.addSubnet(address, Number(bits), family);
    }
    return (address) => {
        if (!address) return false;
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
        const plain = mapped ?? address;
        return blocks.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
    };
}
