// An OAI event costs the bridge the same however many calls its stations hold: 1,000 calls waiting at
// a hunt group (each member's call model follows all of them) must not make a hold or a new caller
// dearer than 10 do. The PBX simulator's events reach the stations as the link delivers them (each
// under the monitors that report it, as a decoded line), without a socket.
import { performance } from 'node:perf_hooks';
import { DEFAULT_SEED, SimulatedPbx } from '../../../stand-ins/oai-pbx-simulator/pbx';
import { ConnectionMonitors, filtersOf } from '../../../stand-ins/oai-pbx-simulator/monitors';
import { MONITOR_TYPE } from '../commands';
import { joinFields } from '../csv';
import { decodeLine } from '../messages';
import { MonitorIds } from '../monitorIds';
import { OaiStations } from '../stations';

const GROUP = '2100';
const MEMBERS = Array.from({ length: 10 }, (_, index) => String(3001 + index));
const AGENTS = Array.from({ length: 20 }, (_, index) => String(3101 + index));

/** A PBX whose hunt group holds `waiting` callers, and a connected call at each of the 20 agents. */
function siteHolding(waiting: number) {
    const pbx = new SimulatedPbx({
        ...DEFAULT_SEED,
        stations: [...MEMBERS, ...AGENTS].map((extension) => ({ extension, name: `Agent ${extension}` })),
        huntGroups: [{ extension: GROUP, name: 'QUEUE', members: MEMBERS }]
    });
    const stations = new OaiStations({ extensions: [...MEMBERS, ...AGENTS], huntGroups: [GROUP] });
    const monitors = new ConnectionMonitors();
    const ids = new MonitorIds();
    let next = 1;
    for (const extension of [...MEMBERS, ...AGENTS]) {
        const newId = () => String(next++).padStart(3, '0');
        ids.set(extension, monitors.start(extension, MONITOR_TYPE.device, filtersOf([]), newId).crossRefId);
    }
    let changes = 0;
    pbx.onEvent((event) => {
        for (const { crossRefId } of monitors.idsFor(event)) {
            const decoded = decodeLine(joinFields(['001', event.code, '', crossRefId, ...event.fields]));
            if (decoded.kind !== 'event') throw new Error(`the PBX's line does not decode: ${event.code}`);
            changes += stations.apply(decoded, ids).length;
        }
    });
    const caller = (index: number) => ({ number: `01632${100000 + index}`, name: 'CALLER' });
    const queue = Array.from({ length: waiting }, (_, index) => pbx.inbound(GROUP, caller(index)));
    const connected = AGENTS.map((agent, index) => {
        const callId = pbx.inbound(agent, caller(waiting + index));
        pbx.answer(agent, callId);
        return callId;
    });
    let callers = waiting + AGENTS.length;
    return {
        changes: () => changes,
        /** A hold and a retrieve at each agent, and 20 new callers at the group while 20 hang up. */
        traffic() {
            AGENTS.forEach((agent, index) => {
                pbx.hold(agent, connected[index]);
                pbx.retrieve(agent, connected[index]);
                queue.push(pbx.inbound(GROUP, caller(callers++)));
                pbx.remoteHangup(queue.shift()!);
            });
        }
    };
}

/** The median time of a round of traffic, after a warm-up round. */
function medianMs(site: ReturnType<typeof siteHolding>): number {
    site.traffic();
    const rounds: number[] = [];
    for (let round = 0; round < 7; round++) {
        const started = performance.now();
        site.traffic();
        rounds.push(performance.now() - started);
    }
    return rounds.sort((a, b) => a - b)[3];
}

it('a hold, a retrieve, a new caller and a hang-up cost the same with 1,000 callers waiting as with 10', () => {
    const few = siteHolding(10);
    const many = siteHolding(1000);
    const before = many.changes();
    const fewMs = medianMs(few);
    const manyMs = medianMs(many);
    // Each round changed calls in every member's model (the test measured real work).
    expect(many.changes() - before).toBeGreaterThan(8 * 20 * 10);
    expect(manyMs).toBeLessThan(Math.max(3 * fewMs, 5));
});
